package org.jnetgraph.cli.ctl;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jnetgraph.Graph;
import org.jnetgraph.NgException;
import org.jnetgraph.Socket;

/**
 * {@code jnetgraph ctl [-d] [-f filename] [-n nodename] [command [argument ...]]}: FreeBSD's ngctl on a graph of
 * its own. It makes a socket node named {@code ngctl<pid>} (or {@code -n}'s name), which {@code .} names in paths,
 * then runs the command given, or the commands of {@code -f filename} ({@code -} for stdin), or reads commands
 * interactively when stdin and stdout are terminals.
 *
 * <p>Exit status as ngctl's: 0 OK (also after {@code quit}), 64 usage error, 66 the {@code -f} file cannot be opened,
 * 69 {@code -j} (no jail support), 71 a command failed. Output and diagnostics go to the streams given.
 *
 * <p>Threading: {@link #run} runs on the calling thread; interactive mode adds a monitor thread. Not reentrant.
 */
public final class CtlCommand {
    static final int EX_OK = 0;
    static final int EX_USAGE = 64;
    static final int EX_NOINPUT = 66;
    static final int EX_UNAVAILABLE = 69;
    static final int EX_OSERR = 71;

    /** ngctl's usage line, byte for byte. */
    static final String USAGE = "usage: ngctl [-j jail] [-d] [-f filename] [-n nodename] [command [argument ...]]";

    /** Opens the terminal for interactive mode. */
    @FunctionalInterface
    public interface TerminalSource {
        /** A terminal on the process's stdin and stdout (or a test's streams). */
        Terminal open() throws IOException;
    }

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private boolean interactive;
    private TerminalSource terminals =
            () -> TerminalBuilder.builder().system(true).build();
    private Graph.Options graphOptions = Graph.Options.defaults();
    private String defaultName = "ngctl" + ProcessHandle.current().pid();

    /**
     * A command that reads scripts from {@code in} (for {@code -f -}) and writes to {@code out} and {@code err}.
     * Text is taken one char per byte (ISO-8859-1): give streams that encode that way to keep bytes intact.
     */
    public CtlCommand(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** Whether stdin and stdout are terminals, which makes a run without command or file interactive. */
    public CtlCommand interactive(boolean terminal) {
        this.interactive = terminal;
        return this;
    }

    /** Where interactive mode gets its terminal (the system terminal unless set). */
    public CtlCommand terminals(TerminalSource source) {
        this.terminals = source;
        return this;
    }

    /** The options of the graph the command builds (epoch mode and defaults unless set). */
    public CtlCommand graphOptions(Graph.Options options) {
        this.graphOptions = options;
        return this;
    }

    /**
     * Runs the command line (the words after {@code ctl}).
     *
     * @return the exit status
     */
    public int run(List<String> args) {
        if (!args.isEmpty() && args.get(0).equals("--help")) {
            printHelp();
            return EX_OK;
        }
        Invocation invocation = new Invocation(defaultName);
        int status = invocation.parse(args);
        if (status != EX_OK) {
            return status;
        }
        try (invocation) {
            return execute(invocation);
        }
    }

    /** Turns arguments the JVM decoded from the platform charset back into one char per byte. */
    public static List<String> byteChars(String[] args, Charset platform) {
        List<String> converted = new ArrayList<>();
        for (String arg : args) {
            converted.add(new String(arg.getBytes(platform), StandardCharsets.ISO_8859_1));
        }
        return converted;
    }

    private int execute(Invocation invocation) {
        Diagnostics diagnostics = new Diagnostics(err);
        try (Graph graph = Graph.create(graphOptions)) {
            Socket socket;
            try {
                socket = graph.socket(invocation.name);
            } catch (NgException e) {
                diagnostics.warn("can't create node", e);
                return EX_OSERR;
            }
            Ngctl ngctl = new Ngctl(graph, socket, out, err);
            ngctl.trace().setLevel(invocation.debug);
            return finish(dispatch(ngctl, invocation, diagnostics));
        }
    }

    private int dispatch(Ngctl ngctl, Invocation invocation, Diagnostics diagnostics) {
        if (!invocation.command.isEmpty()) {
            return locked(ngctl, () -> ngctl.doCommand(invocation.command)).exitStatus();
        }
        if (invocation.script != null) {
            return locked(ngctl, () -> ngctl.readFile(invocation.script, e -> {}))
                    .exitStatus();
        }
        if (interactive) {
            return interact(ngctl, diagnostics);
        }
        diagnostics.warnx("no command specified");
        err.println(USAGE);
        return EX_USAGE;
    }

    private int interact(Ngctl ngctl, Diagnostics diagnostics) {
        try (Terminal terminal = terminals.open()) {
            return new Interactive(ngctl, terminal).run().exitStatus();
        } catch (IOException e) {
            diagnostics.warn("terminal", e);
            return EX_OSERR;
        }
    }

    private static CmdResult locked(Ngctl ngctl, Supplier<CmdResult> body) {
        ngctl.lock().lock();
        try {
            return body.get();
        } finally {
            ngctl.lock().unlock();
        }
    }

    private int finish(int status) {
        out.flush();
        err.flush();
        return status;
    }

    private void printHelp() {
        out.println(USAGE);
        out.println();
        out.println("jnetgraph ctl: FreeBSD's ngctl on a graph of its own.");
        out.println("  -d           raise the debug level (repeat for more)");
        out.println("  -f filename  run the commands in a file (- for stdin)");
        out.println("  -n nodename  name of ngctl's own socket node (default ngctl<pid>)");
        out.println("  -j jail      not supported: exits 69");
        out.println("Without a command or -f, commands are read interactively when stdin and stdout are terminals.");
        out.println("'jnetgraph ctl help' lists the commands; 'jnetgraph ctl help <command>' explains one.");
        out.flush();
    }

    /** What the options asked for; owns the script stream. */
    private final class Invocation implements AutoCloseable {
        private String name;
        private int debug;
        private InputStream script;
        private List<String> command = List.of();
        private boolean ownsScript;

        Invocation(String name) {
            this.name = name;
        }

        /** Parses ngctl's options; EX_OK, or the status to exit with after the diagnostic was printed. */
        int parse(List<String> args) {
            List<String> argv = new ArrayList<>();
            argv.add("ngctl");
            argv.addAll(args);
            GetOpt options = new GetOpt(argv, "df:j:n:", err);
            for (int option; (option = options.next()) != GetOpt.END; ) {
                int status = apply(option, options.optarg());
                if (status != EX_OK) {
                    close();
                    return status;
                }
            }
            command = List.copyOf(options.remaining());
            return EX_OK;
        }

        private int apply(int option, String optarg) {
            switch (option) {
                case 'd' -> debug++;
                case 'f' -> {
                    return openScript(optarg);
                }
                case 'j' -> {
                    new Diagnostics(err).warnx("not built with jail support");
                    return EX_UNAVAILABLE;
                }
                case 'n' -> name = optarg.length() > 31 ? optarg.substring(0, 31) : optarg;
                default -> {
                    err.println(USAGE);
                    return EX_USAGE;
                }
            }
            return EX_OK;
        }

        private int openScript(String file) {
            close();
            if (file.equals("-")) {
                script = new BufferedInputStream(in);
                ownsScript = false;
                return EX_OK;
            }
            try {
                script = new BufferedInputStream(Files.newInputStream(Path.of(file)));
                ownsScript = true;
                return EX_OK;
            } catch (IOException e) {
                new Diagnostics(err).warn(file, e);
                return EX_NOINPUT;
            }
        }

        @Override
        public void close() {
            if (script == null || !ownsScript) {
                return;
            }
            try {
                script.close();
            } catch (IOException e) {
                // A script that was only read needs no report when closing fails.
            }
        }
    }
}
