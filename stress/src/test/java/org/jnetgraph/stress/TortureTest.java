package org.jnetgraph.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jnetgraph.SyncMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The CI torture run: 30 seconds per synchronization mode, one minute in all, with a stalling reader. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TortureTest {
    @ParameterizedTest
    @EnumSource(SyncMode.class)
    void shouldHoldEveryInvariantForHalfAMinute(SyncMode mode) throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int cores = Runtime.getRuntime().availableProcessors();
        Torture.Options options = new Torture.Options(30, Math.max(1, cores), 1, 4, 20261204L, mode, true);

        Torture.Result result = new Torture(options, new PrintStream(text, true, StandardCharsets.UTF_8)).run();
        System.out.print(text.toString(StandardCharsets.UTF_8));

        assertEquals(List.of(), result.firstBreaches());
        assertEquals(result.sent(), result.delivered() + result.dropped());
        assertTrue(result.changes() > 1000, "only " + result.changes() + " topology changes");
        assertTrue(result.gracePeriods() > 10, "only " + result.gracePeriods() + " grace periods");
    }

    @Test
    void shouldRefuseBadOptionsWithUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);

        int status = TortureCommand.run(new String[] {"--seconds", "-1"}, System.out, errors);

        assertEquals(64, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: jnetgraph torture"));
    }
}
