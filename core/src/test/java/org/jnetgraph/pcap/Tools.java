package org.jnetgraph.pcap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The capture tools of the build machine (Debian's tshark, capinfos, tcpdump), for checks against an independent
 * implementation. Tests that need one skip with a message when it is not installed.
 *
 * <p>Threading: stateless; any thread.
 */
public final class Tools {
    /** The notice tshark prints on every run as root; not a warning about the file. */
    private static final String ROOT_NOTICE = "Running as user \"root\"";

    private Tools() {}

    /**
     * What a tool printed and how it exited.
     *
     * @param exit the exit status
     * @param out standard output
     * @param err standard error
     */
    public record Result(int exit, String out, String err) {
        /** The lines of standard error, without tshark's notice about running as root. */
        public List<String> warnings() {
            return err.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith(ROOT_NOTICE))
                    .toList();
        }
    }

    /** Whether an executable of that name is on the PATH. */
    public static boolean has(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Skips the calling test with a message when the tool is not installed. */
    public static void require(String tool) {
        assumeTrue(has(tool), tool + " is not installed (apt-get install -y tshark tcpdump): skipped");
    }

    /** Runs a command, waiting at most 60 s. */
    public static Result run(String... command) {
        try {
            Path out = Files.createTempFile("tool", ".out");
            Path err = Files.createTempFile("tool", ".err");
            Process process = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 60 s");
            }
            Result result = new Result(process.exitValue(), read(out), read(err));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The number of frames capinfos counts in a file; fails the test when capinfos reports a problem. */
    public static long capinfosCount(Path file) {
        Result result = run("capinfos", "-M", "-c", file.toString());
        if (result.exit() != 0 || !result.warnings().isEmpty()) {
            throw new AssertionError("capinfos complained about " + file + ": " + result.err());
        }
        String line = result.out()
                .lines()
                .filter(l -> l.startsWith("Number of packets:"))
                .findFirst()
                .orElseThrow();
        return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
