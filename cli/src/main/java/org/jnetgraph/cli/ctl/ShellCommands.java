package org.jnetgraph.cli.ctl;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The commands about ngctl itself: help, read, debug and quit.
 *
 * <p>Threading: handlers run on the interpreter's thread with the session lock held.
 */
final class ShellCommands {
    static final NgCmd HELP = new NgCmd(
            "help [command]",
            "Show command summary or get more help on a specific command",
            null,
            List.of("?"),
            ShellCommands::help);

    static final NgCmd READ = new NgCmd(
            "read <filename>",
            "Read and execute commands from a file",
            null,
            List.of("source", "."),
            ShellCommands::read);

    static final NgCmd DEBUG = new NgCmd(
            "debug [level]",
            "Get/set debugging verbosity level",
            "Without any argument, this command displays the current debugging verbosity level. If the argument is"
                    + " ``+'' or ``-'' the debug level is incremented or decremented; otherwise, it must be an"
                    + " absolute numerical level.",
            List.of(),
            ShellCommands::debug);

    static final NgCmd QUIT = new NgCmd("quit", "Exit program", null, List.of("exit"), (ngctl, av) -> CmdResult.QUIT);

    /** The column at which {@code help <command>} wraps a description. */
    private static final int WRAP = 63;

    private ShellCommands() {}

    // ---------------------------------------------------------------- help

    private static CmdResult help(Ngctl ngctl, List<String> av) {
        if (av.size() <= 1) {
            printSummary(ngctl.commands(), ngctl.out());
            return CmdResult.OK;
        }
        NgCmd command = ngctl.commands().find(av.get(1), ngctl.diagnostics());
        if (command != null) {
            printHelp(command, ngctl.out());
        }
        return CmdResult.OK;
    }

    /** {@code Available commands:} and one {@code "  %-10s %s"} line per command, as interactive mode starts. */
    static void printSummary(CommandTable commands, PrintStream out) {
        out.println("Available commands:");
        for (NgCmd command : commands.all()) {
            out.println(String.format(Locale.ROOT, "  %-10s %s", command.name(), command.summary()));
        }
    }

    private static void printHelp(NgCmd command, PrintStream out) {
        out.println("usage:    " + command.usage());
        if (!command.aliases().isEmpty()) {
            out.println("Aliases:  " + String.join(", ", command.aliases()));
        }
        out.println("Summary:  " + command.summary());
        if (command.help() != null) {
            out.println("Description:");
            wrap(command.help(), out);
        }
    }

    /** Lines of at most 63 characters, broken at the last blank before the limit, each indented by two spaces. */
    private static void wrap(String text, PrintStream out) {
        int at = 0;
        while (at < text.length()) {
            while (at < text.length() && Ngctl.isWhitespace(text.charAt(at))) {
                at++;
            }
            int len = Math.min(WRAP, text.length() - at);
            int cut = len;
            while (cut > 0 && at + cut < text.length() && !isBlank(text.charAt(at + cut))) {
                cut--;
            }
            len = cut > 0 ? cut : len;
            out.println("  " + text.substring(at, at + len));
            at += len;
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    // ---------------------------------------------------------------- read

    private static CmdResult read(Ngctl ngctl, List<String> av) {
        if (av.size() != 2) {
            return CmdResult.USAGE;
        }
        String file = av.get(1);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(file)))) {
            return ngctl.readFile(in, e -> ngctl.diagnostics().warn(file, e));
        } catch (IOException e) {
            ngctl.diagnostics().warn(file, e);
            return CmdResult.ERROR;
        }
    }

    // ---------------------------------------------------------------- debug

    private static CmdResult debug(Ngctl ngctl, List<String> av) {
        Trace trace = ngctl.trace();
        switch (av.size()) {
            case 1 -> ngctl.out().println("Current debug level is " + trace.level());
            case 2 -> {
                int level = switch (av.get(1)) {
                    case "+" -> trace.level() + 1;
                    case "-" -> trace.level() - 1;
                    default -> CInt.atoi(av.get(1));
                };
                if (level < 0 && !av.get(1).equals("-")) {
                    return CmdResult.USAGE;
                }
                trace.setLevel(level < 0 ? trace.level() : level);
            }
            default -> {
                return CmdResult.USAGE;
            }
        }
        return CmdResult.OK;
    }
}
