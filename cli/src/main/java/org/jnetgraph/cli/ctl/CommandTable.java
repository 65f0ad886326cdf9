package org.jnetgraph.cli.ctl;

import java.util.List;

/**
 * ngctl's command table, in ngctl's order (which {@code help} shows and prefix matching walks), and its
 * {@code FindCommand}.
 *
 * <p>Threading: immutable; any thread.
 */
final class CommandTable {
    private final List<NgCmd> commands;

    CommandTable(List<NgCmd> commands) {
        this.commands = List.copyOf(commands);
    }

    /** ngctl's seventeen commands, in the order of its table (config, connect, debug, dot, help, ...). */
    static CommandTable standard() {
        return new CommandTable(List.of(
                MessageCommands.CONFIG,
                GraphCommands.CONNECT,
                ShellCommands.DEBUG,
                DotCommand.DOT,
                ShellCommands.HELP,
                ListCommands.LIST,
                GraphCommands.MKPEER,
                MessageCommands.MSG,
                GraphCommands.NAME,
                ShellCommands.READ,
                GraphCommands.RMHOOK,
                ListCommands.SHOW,
                GraphCommands.SHUTDOWN,
                MessageCommands.STATUS,
                ListCommands.TYPES,
                WriteCommand.WRITE,
                ShellCommands.QUIT));
    }

    /** The commands in table order. */
    List<NgCmd> all() {
        return commands;
    }

    /**
     * The one command {@code word} names, or null after printing {@code "x": ambiguous command} or
     * {@code "x": unknown command}.
     */
    NgCmd find(String word, Diagnostics diagnostics) {
        NgCmd found = null;
        for (NgCmd command : commands) {
            if (!command.matches(word)) {
                continue;
            }
            if (found != null) {
                diagnostics.warnx("\"" + word + "\": ambiguous command");
                return null;
            }
            found = command;
        }
        if (found == null) {
            diagnostics.warnx("\"" + word + "\": unknown command");
        }
        return found;
    }
}
