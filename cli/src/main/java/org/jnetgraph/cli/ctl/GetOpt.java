package org.jnetgraph.cli.ctl;

import java.io.PrintStream;
import java.util.List;

/**
 * BSD {@code getopt(3)} over an argument vector whose element 0 is the command name: options end at the first word
 * that does not start with {@code -}, at a lone {@code -}, or after {@code --}; letters may be clustered
 * ({@code -ln}); an option's argument may be attached ({@code -ffile}) or the next word. Errors are printed as
 * FreeBSD's libc prints them ({@code ngctl: illegal option -- x}) and reported as {@code '?'}.
 *
 * <p>Threading: confined to the thread that parses.
 */
final class GetOpt {
    /** Returned by {@link #next()} when the options are over. */
    static final int END = -1;

    private final List<String> argv;
    private final String optstring;
    private final PrintStream err;
    private int optind = 1;
    private int place;
    private String optarg;

    GetOpt(List<String> argv, String optstring, PrintStream err) {
        this.argv = argv;
        this.optstring = optstring;
        this.err = err;
    }

    /** The next option letter, {@code '?'} for a bad one, or {@link #END}. */
    int next() {
        optarg = null;
        if (place == 0 && !startWord()) {
            return END;
        }
        String word = argv.get(optind);
        char letter = word.charAt(place++);
        int at = letter == ':' ? -1 : optstring.indexOf(letter);
        if (at < 0) {
            finishLetter(word);
            return complain("illegal option", letter);
        }
        boolean wantsArgument = at + 1 < optstring.length() && optstring.charAt(at + 1) == ':';
        return wantsArgument ? takeArgument(word, letter) : finishLetter(word, letter);
    }

    /** The argument of the option {@link #next()} returned last. */
    String optarg() {
        return optarg;
    }

    /** The words after the options. */
    List<String> remaining() {
        return argv.subList(Math.min(optind, argv.size()), argv.size());
    }

    private boolean startWord() {
        if (optind >= argv.size()) {
            return false;
        }
        String word = argv.get(optind);
        if (!word.startsWith("-") || word.length() == 1) {
            return false;
        }
        if (word.equals("--")) {
            optind++;
            return false;
        }
        place = 1;
        return true;
    }

    private int takeArgument(String word, char letter) {
        if (place < word.length()) {
            optarg = word.substring(place);
            nextWord();
            return letter;
        }
        nextWord();
        if (optind >= argv.size()) {
            return complain("option requires an argument", letter);
        }
        optarg = argv.get(optind++);
        return letter;
    }

    private int finishLetter(String word, char letter) {
        finishLetter(word);
        return letter;
    }

    private void finishLetter(String word) {
        if (place >= word.length()) {
            nextWord();
        }
    }

    private void nextWord() {
        optind++;
        place = 0;
    }

    private int complain(String what, char letter) {
        err.println(Diagnostics.PREFIX + what + " -- " + letter);
        return '?';
    }
}
