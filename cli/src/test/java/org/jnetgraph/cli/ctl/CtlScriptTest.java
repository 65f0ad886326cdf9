package org.jnetgraph.cli.ctl;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jnetgraph.SyncMode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code .ngctl} script in {@code src/test/resources/ctl} through {@code jnetgraph ctl} and compares
 * stdout, stderr and the exit status with the expected files, byte for byte, in both synchronization modes. To add a
 * case, add {@code name.ngctl} and {@code name.out} (and {@code name.err} when it writes diagnostics); see
 * {@link ScriptCase} for the directives. Running with {@code -Dctl.regenerate=true} writes what the scripts print as
 * the expected files instead (epoch mode), for review.
 */
class CtlScriptTest {
    @TempDir
    Path tmp;

    @TestFactory
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    List<DynamicTest> shouldPrintWhatTheScriptsExpect() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (ScriptCase script : ScriptCase.all(ScriptCase.resources())) {
            for (SyncMode mode : SyncMode.values()) {
                tests.add(DynamicTest.dynamicTest(script + " (" + mode + ")", () -> check(script, mode)));
            }
        }
        return tests;
    }

    private void check(ScriptCase script, SyncMode mode) throws IOException {
        Path dir = Files.createTempDirectory(tmp, script.name());
        ScriptCase.Outcome expected = script.expected(dir);
        ScriptCase.Outcome actual = script.run(mode, dir);
        if (Boolean.getBoolean("ctl.regenerate") && mode == SyncMode.EPOCH) {
            script.save(actual, dir, Path.of("src/test/resources/ctl"));
            return;
        }
        assertAll(
                () -> assertEquals(expected.out(), actual.out(), "stdout of " + script),
                () -> assertEquals(expected.err(), actual.err(), "stderr of " + script),
                () -> assertEquals(expected.status(), actual.status(), "exit status of " + script));
    }
}
