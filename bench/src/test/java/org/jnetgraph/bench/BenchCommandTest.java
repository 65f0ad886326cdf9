package org.jnetgraph.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The CI smoke run of {@code jnetgraph bench}: about two seconds, checks the files, times nothing. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BenchCommandTest {
    @Test
    void shouldWriteMarkdownCsvAndSvgForBothModesInASmokeRun(@TempDir Path folder) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = BenchCommand.run(new String[] {"--smoke", "--out", folder.toString()}, print(out), print(err));

        String errors = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, "exit status; stderr: " + errors);
        Path markdown = folder.resolve("results.md");
        Path svg = folder.resolve("churn.svg");
        assertTrue(Files.isRegularFile(markdown), "results.md written");
        assertTrue(Files.isRegularFile(svg), "churn.svg written");
        assertTrue(Files.isRegularFile(folder.resolve("results.csv")), "results.csv written");
        String md = Files.readString(markdown, StandardCharsets.UTF_8);
        for (String row : List.of("| epoch | 0 |", "| epoch | 1,000 |", "| lock | 0 |", "| lock | 1,000 |")) {
            assertTrue(md.contains(row), "results.md has a row starting " + row + ":\n" + md);
        }
        assertTrue(md.contains("epoch/lock throughput"), "results.md has the ratios:\n" + md);
        String chart = Files.readString(svg, StandardCharsets.UTF_8);
        assertTrue(chart.startsWith("<svg") && chart.trim().endsWith("</svg>"), "an SVG document");
        assertTrue(chart.contains("epoch mode") && chart.contains("lock mode"), "both modes in the legend");
        assertEquals(4, count(chart, "<polyline"), "a throughput and a latency line per mode");
    }

    @Test
    void shouldRefuseBadOptionsWithUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = BenchCommand.run(new String[] {"--chain", "0"}, print(new ByteArrayOutputStream()), print(err));

        assertEquals(64, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: jnetgraph bench"));
    }

    @Test
    void shouldAlwaysMeasureTheChurnFreeBaseline() {
        assertEquals(List.of(0, 500, 2_000), BenchCommand.rates("2000,500"));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }
}
