package org.jnetgraph;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Breaks the design on purpose: teardown (disconnect and shutdown methods) runs as soon as the topology change
 * unlinked, without waiting for a grace period. The churn checks must catch it; if they did not, they could not be
 * trusted to show that the real design is right.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BrokenGraceTest {
    /** Epoch sections as usual, but retire() runs the teardown at once. */
    static final class NoGraceSync implements TopologySync {
        private final EpochSync real;

        NoGraceSync(Graph graph) {
            this.real = new EpochSync(graph, "broken", java.time.Duration.ofSeconds(1));
        }

        @Override
        public org.jnetgraph.epoch.EpochDomain.Reader reader() {
            return real.reader();
        }

        @Override
        public void enter(ThreadContext context) {
            real.enter(context);
        }

        @Override
        public void exit(ThreadContext context) {
            real.exit(context);
        }

        @Override
        public boolean inSection(ThreadContext context) {
            return real.inSection(context);
        }

        @Override
        public void beginChange() {}

        @Override
        public void endChange() {}

        @Override
        public void retire(Runnable teardown) {
            teardown.run();
        }

        @Override
        public void synchronize() {}

        @Override
        public void barrier() {}

        @Override
        public long backlog() {
            return 0;
        }

        @Override
        public long backlogHighWater() {
            return 0;
        }

        @Override
        public long[] graceLatencyHistogram() {
            return new long[0];
        }

        @Override
        public long gracePeriods() {
            return 0;
        }

        @Override
        public long stalledReaders() {
            return 0;
        }

        @Override
        public void close() {
            real.close();
        }
    }

    @Test
    void shouldBeCaughtByTheChurnChecksWhenTeardownSkipsTheGracePeriod() throws Exception {
        Graph.Options options = Graph.Options.defaults().withMode(SyncMode.EPOCH);
        long violations = 0;
        for (int attempt = 0; attempt < 5 && violations == 0; attempt++) {
            try (Graph graph = Graph.createWith(options, NoGraceSync::new)) {
                violations =
                        ChurnAccountingTest.churn(graph, 2_000, 99 + attempt).violations();
            }
        }

        assertTrue(violations > 0, "teardown without a grace period went unnoticed");
    }
}
