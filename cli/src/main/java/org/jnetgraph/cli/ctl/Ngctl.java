package org.jnetgraph.cli.ctl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jnetgraph.Graph;
import org.jnetgraph.Packet;
import org.jnetgraph.Socket;

/**
 * One ngctl session: the ngctl socket node in a graph, the command table, and the interpreter that splits lines into
 * words, finds the command and runs it ({@code DoParseCommand}, {@code DoCommand}, {@code ReadFile}).
 *
 * <p>Text is handled one char per byte (ISO-8859-1), as the graph's codec handles it; {@link CtlCommand} converts
 * at the edges.
 *
 * <p>Threading: commands run on one thread at a time, holding {@link #lock()}; in interactive mode a monitor thread
 * takes the same lock to print what arrives between commands.
 */
final class Ngctl {
    /** How long a command waits for an answer that a HASREPLY message guarantees. */
    static final Duration REPLY_WAIT = Duration.ofSeconds(30);

    private static final int MAX_ARGS = 512;

    private final Graph graph;
    private final Socket socket;
    private final PrintStream out;
    private final Diagnostics diagnostics;
    private final CommandTable commands = CommandTable.standard();
    private final Trace trace;
    private final ControlChannel channel;
    private final Mailbox mailbox;
    private final MessagePrinter printer;
    private final ReentrantLock lock = new ReentrantLock(true);

    Ngctl(Graph graph, Socket socket, PrintStream out, PrintStream err) {
        this.graph = graph;
        this.socket = socket;
        this.out = out;
        this.diagnostics = new Diagnostics(err);
        this.trace = new Trace(diagnostics, Trace.cookieNames(graph.types()));
        this.channel = new ControlChannel(socket, trace);
        this.mailbox = new Mailbox(socket);
        this.printer = new MessagePrinter(channel);
    }

    // ---------------------------------------------------------------- the interpreter

    /** {@code DoParseCommand}: splits a line on whitespace (no quoting) and runs it. */
    CmdResult doParseCommand(String line) {
        return doCommand(split(line));
    }

    /** {@code DoCommand}: runs the command {@code av.get(0)} names; an empty line is OK. */
    CmdResult doCommand(List<String> av) {
        if (av.isEmpty() || av.get(0).isEmpty()) {
            return CmdResult.OK;
        }
        NgCmd command = commands.find(av.get(0), diagnostics);
        if (command == null) {
            return CmdResult.ERROR;
        }
        CmdResult result = command.handler().run(this, List.copyOf(av));
        if (result == CmdResult.USAGE) {
            diagnostics.warnx("usage: " + command.usage());
        }
        out.flush();
        return result;
    }

    /**
     * {@code ReadFile}: runs each line; lines starting with {@code #} are skipped, and the first line that is not OK
     * (even {@code quit}) stops with {@code line N: error in file}. A read error ends with ERROR after
     * {@code onReadError} saw it.
     */
    CmdResult readFile(InputStream in, Consumer<IOException> onReadError) {
        int lineno = 0;
        try {
            String line;
            while ((line = readLine(in)) != null) {
                lineno++;
                CmdResult result = line.startsWith("#") ? CmdResult.OK : doParseCommand(line);
                if (result != CmdResult.OK) {
                    diagnostics.warnx("line " + lineno + ": error in file");
                    return result;
                }
            }
            return CmdResult.OK;
        } catch (IOException e) {
            onReadError.accept(e);
            return CmdResult.ERROR;
        }
    }

    /** Splits on ngctl's whitespace ({@code " \t\r\n\v\f"}), keeping at most 511 words as ngctl does. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < line.length() && words.size() < MAX_ARGS - 1) {
            while (i < line.length() && isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < line.length() && !isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(line.substring(start, i));
            }
        }
        return words;
    }

    /** ngctl's WHITESPACE set. */
    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\u000b' || c == '\f';
    }

    /** One line as {@code getline} reads it (up to and without the newline), or null at end of input. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        if (b < 0 && line.size() == 0) {
            return null;
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    // ---------------------------------------------------------------- what arrives

    /** Prints every control message and data packet that arrived and was not yet printed (monitor's work). */
    void printArrivals(PrintStream to) {
        Socket.Received message;
        while ((message = mailbox.next(Duration.ZERO)) != null) {
            printer.printMessage(message, to);
        }
        Packet packet;
        while ((packet = socket.receiveData(Duration.ZERO)) != null) {
            byte[] data = packet.toByteArray();
            String hook = packet.receivedOn() != null ? packet.receivedOn().name() : "";
            packet.free();
            MessagePrinter.printData(hook, data, to);
        }
        to.flush();
    }

    /** Waits until teardown started by the last command finished, as FreeBSD's synchronous rmhook/shutdown do. */
    void settle() {
        graph.sync();
    }

    // ---------------------------------------------------------------- for commands

    PrintStream out() {
        return out;
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    CommandTable commands() {
        return commands;
    }

    ControlChannel channel() {
        return channel;
    }

    Mailbox mailbox() {
        return mailbox;
    }

    MessagePrinter printer() {
        return printer;
    }

    Trace trace() {
        return trace;
    }

    Socket socket() {
        return socket;
    }

    /** The lock every command and the interactive monitor hold while they use the session. */
    ReentrantLock lock() {
        return lock;
    }
}
