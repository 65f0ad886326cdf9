package org.jnetgraph.epoch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A short torture run on real threads and the real reclaimer thread, in the style of rcutorture: readers keep
 * entering sections and checking that the object they hold was not reclaimed, while a writer keeps replacing and
 * retiring it. The second test proves the oracle can fail: without grace periods it finds a violation.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EpochTortureTest {
    private static final int RETIRES = 20_000;
    private static final int SYNCHRONIZE_EVERY = 256;
    private static final int CHECKS_PER_SECTION = 32;

    @Test
    void shouldNeverLetAReaderSeeAReclaimedObjectUnderChurn() throws Exception {
        try (EpochDomain domain = EpochDomain.builder("torture").build()) {
            Torture torture = new Torture(domain);

            torture.run(false);

            assertEquals(0, torture.violations.get());
            assertEquals(RETIRES, domain.callbacksRun());
            assertEquals(0, domain.backlog());
            assertTrue(torture.sections.get() > 0);
            assertTrue(domain.gracePeriods() >= RETIRES / SYNCHRONIZE_EVERY);
        }
    }

    @Test
    void shouldFindAViolationWhenGracePeriodsDoNotWait() throws Exception {
        EpochDomain broken = EpochDomain.builder("torture-broken")
                .readerWait((reader, target) -> {})
                .build();
        try (broken) {
            Torture torture = new Torture(broken);

            torture.run(true);

            assertTrue(torture.violations.get() > 0, "the oracle did not notice reclamation without grace periods");
        }
    }

    /** A published object; reclamation poisons it. */
    static final class Box {
        volatile boolean poisoned;

        void poison() {
            poisoned = true;
        }
    }

    /** Two readers (one platform, one virtual thread) against one writer and the domain's reclaimer. */
    static final class Torture {
        final AtomicLong violations = new AtomicLong();
        final AtomicLong sections = new AtomicLong();
        private final EpochDomain domain;
        private final AtomicReference<Box> published = new AtomicReference<>(new Box());
        private volatile boolean stop;

        Torture(EpochDomain domain) {
            this.domain = domain;
        }

        void run(boolean untilFirstViolation) throws InterruptedException {
            List<Thread> readers = List.of(
                    Thread.ofPlatform().name("torture-reader-0").start(this::readLoop),
                    Thread.ofVirtual().name("torture-reader-1").start(this::readLoop));

            writeLoop(untilFirstViolation);

            stop = true;
            for (Thread reader : readers) {
                reader.join();
            }
            domain.barrier();
        }

        private void readLoop() {
            EpochDomain.Reader reader = domain.reader();
            while (!stop) {
                reader.enter();
                try {
                    checkHeld(published.get());
                } finally {
                    reader.exit();
                }
                sections.incrementAndGet();
            }
        }

        private void checkHeld(Box box) {
            for (int i = 0; i < CHECKS_PER_SECTION; i++) {
                if (box.poisoned) {
                    violations.incrementAndGet();
                    return;
                }
                Thread.onSpinWait();
            }
        }

        private void writeLoop(boolean untilFirstViolation) {
            for (int i = 1; i <= RETIRES; i++) {
                Box old = published.getAndSet(new Box());
                domain.retire(old::poison);
                if (i % SYNCHRONIZE_EVERY == 0) {
                    domain.synchronize();
                }
                if (untilFirstViolation && violations.get() > 0) {
                    return;
                }
            }
        }
    }
}
