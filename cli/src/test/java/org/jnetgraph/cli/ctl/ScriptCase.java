package org.jnetgraph.cli.ctl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.impl.DumbTerminal;
import org.jnetgraph.Graph;
import org.jnetgraph.SyncMode;

/**
 * One scripted ngctl case from the test resources: {@code name.ngctl} is the script, {@code name.out} the exact
 * stdout, {@code name.err} the exact stderr (empty when absent). Comment lines at the top of the script set up the
 * run (ngctl skips them):
 *
 * <ul>
 *   <li>{@code # exit: 71} the expected exit status (default 0);
 *   <li>{@code # argv: -n x -f {script}} the words after {@code ctl} (default {@code -n ngctl1234 -f {script}});
 *   <li>{@code # mode: interactive} feed the script to interactive mode through a dumb terminal instead;
 *   <li>{@code # mask: regex} replace what the regex matches in the output by {@code N} before comparing.
 * </ul>
 *
 * In the script, the argv and the expected files, {@code {dir}} stands for the resource folder, {@code {tmp}} for a
 * fresh temporary folder and {@code {script}} for the script's path.
 *
 * <p>Threading: one test thread per case.
 */
record ScriptCase(String name, Path dir) {
    static final String DEFAULT_ARGV = "-n ngctl1234 -f {script}";

    /** Every case in the folder, by name. */
    static List<ScriptCase> all(Path dir) throws IOException {
        List<ScriptCase> cases = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.map(path -> path.getFileName().toString())
                    .filter(file -> file.endsWith(".ngctl"))
                    .sorted()
                    .forEach(file -> cases.add(new ScriptCase(file.substring(0, file.length() - 6), dir)));
        }
        return cases;
    }

    /** What one run printed and returned. */
    record Outcome(String out, String err, int status) {}

    /** What the case expects. */
    Outcome expected(Path tmp) throws IOException {
        return new Outcome(read(".out", tmp), read(".err", tmp), Integer.parseInt(directive("exit", "0")));
    }

    /** Runs the script through {@link CtlCommand} with captured streams, in the given mode. */
    Outcome run(SyncMode mode, Path tmp) throws IOException {
        Path script = tmp.resolve(name + ".ngctl");
        Files.writeString(script, substitute(text(".ngctl"), tmp), StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.ISO_8859_1);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.ISO_8859_1);
        CtlCommand command = new CtlCommand(new ByteArrayInputStream(new byte[0]), outStream, errStream)
                .graphOptions(Graph.Options.defaults().withMode(mode));
        if (directive("mode", "").equals("interactive")) {
            byte[] input = withoutDirectives(Files.readString(script, StandardCharsets.ISO_8859_1));
            command.interactive(true).terminals(() -> new DumbTerminal(new ByteArrayInputStream(input), outStream));
        }
        String argv = substitute(directive("argv", DEFAULT_ARGV), tmp).replace("{script}", script.toString());
        int status = command.run(List.of(argv.trim().split("\\s+")));
        return new Outcome(
                mask(out.toString(StandardCharsets.ISO_8859_1)),
                mask(err.toString(StandardCharsets.ISO_8859_1)),
                status);
    }

    /** Output with what the {@code # mask:} regex matches replaced by {@code N} (for values that vary by run). */
    private String mask(String text) throws IOException {
        String regex = directive("mask", "");
        return regex.isEmpty() ? text : text.replaceAll(regex, "N");
    }

    /** Interactive mode has no comments: the directive lines at the top are not typed in. */
    private static byte[] withoutDirectives(String script) {
        String typed = script;
        while (typed.startsWith("#")) {
            typed = typed.substring(typed.indexOf('\n') + 1);
        }
        return typed.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The script text after {@code {dir}} and {@code {tmp}} were filled in, for running it another way. */
    String script(Path tmp) throws IOException {
        return substitute(text(".ngctl"), tmp);
    }

    /** The value of a {@code # key: value} line at the top of the script, or the default. */
    String directive(String key, String absent) throws IOException {
        for (String line : text(".ngctl").split("\n")) {
            if (!line.startsWith("#")) {
                break;
            }
            String prefix = "# " + key + ":";
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
        return absent;
    }

    /**
     * Writes an outcome as this case's expected files in {@code sources} (the resource folder in the source tree),
     * with the temporary folder written back as {@code {tmp}}; to review with {@code git diff} before committing.
     */
    void save(Outcome outcome, Path tmp, Path sources) throws IOException {
        write(sources.resolve(name + ".out"), outcome.out(), tmp);
        write(sources.resolve(name + ".err"), outcome.err(), tmp);
    }

    private void write(Path file, String text, Path tmp) throws IOException {
        if (text.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        String generic = text.replace(tmp.toString(), "{tmp}").replace(dir.toString(), "{dir}");
        Files.writeString(file, generic, StandardCharsets.ISO_8859_1);
    }

    private String read(String suffix, Path tmp) throws IOException {
        Path file = dir.resolve(name + suffix);
        return Files.exists(file) ? substitute(text(suffix), tmp) : "";
    }

    private String text(String suffix) throws IOException {
        return Files.readString(dir.resolve(name + suffix), StandardCharsets.ISO_8859_1);
    }

    private String substitute(String text, Path tmp) {
        return text.replace("{dir}", dir.toString()).replace("{tmp}", tmp.toString());
    }

    @Override
    public String toString() {
        return name;
    }

    static Path resources() {
        try {
            return Path.of(ScriptCase.class.getResource("/ctl").toURI());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
