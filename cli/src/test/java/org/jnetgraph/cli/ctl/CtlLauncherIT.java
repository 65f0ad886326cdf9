package org.jnetgraph.cli.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./jnetgraph ctl} as a user runs it: the launcher script, a fresh JVM, the real stdout and stderr and the
 * process exit status. Runs after {@code package} (failsafe), when the launcher finds the built jar.
 */
class CtlLauncherIT {
    private static final Path TOP = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldPrintWhatTheScriptExpects() throws Exception {
        for (String name : List.of("list-long", "msg-generic", "errors-ascii", "quit")) {
            ScriptCase script = new ScriptCase(name, ScriptCase.resources());
            Path file = tmp.resolve(name + ".ngctl");
            Files.writeString(file, script.script(tmp), StandardCharsets.ISO_8859_1);

            Result result = launch("ctl", "-n", "ngctl1234", "-f", file.toString());

            ScriptCase.Outcome expected = script.expected(tmp);
            assertEquals(expected.out(), result.out(), "stdout of " + name);
            assertEquals(expected.err(), result.err(), "stderr of " + name);
            assertEquals(expected.status(), result.status(), "exit status of " + name);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldAnswerHelpAndRefuseAMissingCommand() throws Exception {
        Result help = launch("ctl", "--help");
        Result none = launch("ctl");

        assertEquals(0, help.status(), help.err());
        assertTrue(help.out().startsWith(CtlCommand.USAGE + "\n"), help.out());
        assertEquals(64, none.status());
        assertEquals("ngctl: no command specified\n" + CtlCommand.USAGE + "\n", none.err());
    }

    private record Result(String out, String err, int status) {}

    private Result launch(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(TOP.resolve("jnetgraph").toString()));
        command.addAll(List.of(args));
        Path out = tmp.resolve("stdout");
        Path err = tmp.resolve("stderr");
        Process process = new ProcessBuilder(command)
                .directory(TOP.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertTrue(process.waitFor(100, TimeUnit.SECONDS), "jnetgraph ctl did not finish");
        return new Result(
                Files.readString(out, StandardCharsets.ISO_8859_1),
                Files.readString(err, StandardCharsets.ISO_8859_1),
                process.exitValue());
    }
}
