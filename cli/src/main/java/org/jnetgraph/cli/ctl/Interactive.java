package org.jnetgraph.cli.ctl;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * ngctl's interactive mode: prints the command summary, then reads lines with JLine (editing, history of 100
 * entries without repeats) at the prompt {@code + } until end of input or {@code quit}. A monitor thread prints
 * control messages and data packets that reach the ngctl node while the user types, above the prompt; whatever
 * arrived during a command is printed right after it.
 *
 * <p>Threading: {@link #run()} on the caller's thread, plus the monitor thread it starts and stops. Both hold the
 * session lock while they use the session.
 */
final class Interactive {
    static final String PROMPT = "+ ";

    /** How often the monitor looks for arrivals while the user types. */
    private static final Duration MONITOR_PERIOD = Duration.ofMillis(20);

    private final Ngctl ngctl;
    private final Terminal terminal;
    private final Charset charset;
    private volatile boolean running = true;

    Interactive(Ngctl ngctl, Terminal terminal) {
        this.ngctl = ngctl;
        this.terminal = terminal;
        this.charset = terminal.encoding() != null ? terminal.encoding() : StandardCharsets.UTF_8;
    }

    /** Runs until end of input, an interrupt or {@code quit}; returns QUIT as ngctl's interactive mode does. */
    CmdResult run() {
        ShellCommands.printSummary(ngctl.commands(), ngctl.out());
        ngctl.out().flush();
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .variable(LineReader.HISTORY_SIZE, 100)
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                .build();
        Thread monitor = Thread.ofPlatform().daemon().name("ngctl-monitor").start(() -> monitor(reader));
        try {
            loop(reader);
        } finally {
            running = false;
            LockSupport.unpark(monitor);
            joinQuietly(monitor);
        }
        return CmdResult.QUIT;
    }

    private void loop(LineReader reader) {
        while (true) {
            String line;
            try {
                line = reader.readLine(PROMPT);
            } catch (EndOfFileException | UserInterruptException e) {
                ngctl.out().println();
                return;
            }
            if (runLocked(toByteChars(line)) == CmdResult.QUIT) {
                return;
            }
        }
    }

    private CmdResult runLocked(String line) {
        ngctl.lock().lock();
        try {
            CmdResult result = ngctl.doParseCommand(line);
            ngctl.printArrivals(ngctl.out());
            return result;
        } finally {
            ngctl.lock().unlock();
        }
    }

    /** The monitor: between commands, prints what arrived above the prompt. */
    private void monitor(LineReader reader) {
        while (running) {
            String text = collectArrivals();
            if (!text.isEmpty()) {
                reader.printAbove(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
            } else {
                LockSupport.parkNanos(MONITOR_PERIOD.toNanos());
            }
        }
    }

    private String collectArrivals() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ngctl.lock().tryLock()) {
            return "";
        }
        try {
            ngctl.printArrivals(new PrintStream(bytes, true, StandardCharsets.ISO_8859_1));
        } finally {
            ngctl.lock().unlock();
        }
        return new String(bytes.toByteArray(), charset);
    }

    /** The line as the bytes the terminal sent, one char per byte, as the session handles text. */
    private String toByteChars(String line) {
        return new String(line.getBytes(charset), StandardCharsets.ISO_8859_1);
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
