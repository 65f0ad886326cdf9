package org.jnetgraph.cli.ctl;

import java.util.List;

/**
 * One ngctl command, as ngctl's {@code struct ngcmd}: its usage string (whose first word is its name), a one-line
 * summary, an optional longer description, its aliases and the code that runs it.
 *
 * @param usage the usage string, printed after {@code usage:}; its first word names the command
 * @param summary the line {@code help} prints
 * @param help the description {@code help <command>} prints, or null
 * @param aliases other names the command answers to
 * @param handler runs the command
 */
record NgCmd(String usage, String summary, String help, List<String> aliases, Handler handler) {

    /**
     * Runs a command.
     *
     * <p>Threading: called on the interpreter's thread with the session lock held.
     */
    @FunctionalInterface
    interface Handler {
        /** Runs the command with its argument vector; {@code av.get(0)} is the word that named it. */
        CmdResult run(Ngctl ngctl, List<String> av);
    }

    NgCmd {
        aliases = List.copyOf(aliases);
    }

    /** The command's name: the first word of its usage string. */
    String name() {
        int end = 0;
        while (end < usage.length() && !Ngctl.isWhitespace(usage.charAt(end))) {
            end++;
        }
        return usage.substring(0, end);
    }

    /** ngctl's {@code MatchCommand}: {@code word} is a case-insensitive prefix of the name or of an alias. */
    boolean matches(String word) {
        if (isPrefix(word, name())) {
            return true;
        }
        for (String alias : aliases) {
            if (isPrefix(word, alias)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPrefix(String word, String of) {
        if (word.length() > of.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (lower(word.charAt(i)) != lower(of.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** C's {@code tolower} in the C locale: ASCII letters only. */
    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
