package org.jnetgraph.epoch;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lincheck over a small facade: readers never see a poisoned (reclaimed) object inside their section.
 *
 * <p>Every operation returns {@code true} unless it observed a violation, and in any sequential order none can be
 * observed, so the sequential specification is the class itself and any {@code false} fails the check. The domain
 * runs in manual mode: the {@code reclaim()} operation plays the reclaimer thread, which lets the checker
 * interleave reclamation with the readers step by step.
 */
// Not yet: a Lincheck.runConcurrentTest check of raw threads, because Lincheck 3.7 on JDK 25 passes even a racy
// counter in that mode (the same jar catches it on JDK 17); the operation-based checks below do catch bugs on 25.
public class EpochLincheckTest {
    /** The operations Lincheck runs; public with a public no-argument constructor, as Lincheck requires. */
    public static class Facade {
        private final EpochDomain domain;
        private final AtomicReference<Box> published = new AtomicReference<>(new Box());

        public Facade() {
            this(EpochDomain.builder("lincheck")
                    .manualReclaim()
                    .nanoClock(() -> 0L)
                    .stallThreshold(Duration.ofDays(1))
                    .build());
        }

        Facade(EpochDomain domain) {
            this.domain = domain;
        }

        /** A published object; reclamation poisons it. */
        static final class Box {
            volatile boolean poisoned;
        }

        /** The retired callback; a small class rather than a lambda, whose captured field Lincheck cannot track. */
        static final class Poison implements Runnable {
            private final Box box;

            Poison(Box box) {
                this.box = box;
            }

            @Override
            public void run() {
                box.poisoned = true;
            }
        }

        /** Enters, reads the published object twice, exits; false if it was poisoned while this section held it. */
        @Operation
        public boolean readerSection() {
            domain.enter();
            try {
                Box box = published.get();
                boolean clean = !box.poisoned;
                return clean && !box.poisoned;
            } finally {
                domain.exit();
            }
        }

        /** Publishes a fresh object and retires one that poisons the old. */
        @Operation
        public boolean unlinkAndRetire() {
            Box old = published.getAndSet(new Box());
            domain.retire(new Poison(old));
            return true;
        }

        /** Plays the reclaimer: one round of grace period plus callbacks. */
        @Operation(nonParallelGroup = "reclaimer")
        public boolean reclaim() {
            domain.reclaimOnce();
            return true;
        }

        /** A plain grace period, concurrent with everything else. */
        @Operation
        public boolean synchronize() {
            domain.synchronize();
            return true;
        }
    }

    /** The same facade over a domain whose grace periods do not wait: reclamation runs at once. */
    public static class NoGracePeriod extends Facade {
        public NoGracePeriod() {
            super(EpochDomain.builder("lincheck-broken")
                    .manualReclaim()
                    .nanoClock(() -> 0L)
                    .readerWait((reader, target) -> {})
                    .build());
        }
    }

    @Test
    @Timeout(300)
    void modelCheckingFindsNoReaderThatSeesAReclaimedObject() {
        modelChecking().check(Facade.class);
    }

    @Test
    @Timeout(300)
    void stressFindsNoReaderThatSeesAReclaimedObject() {
        new StressOptions()
                .iterations(20)
                .invocationsPerIteration(500)
                .threads(3)
                .actorsPerThread(3)
                .check(Facade.class);
    }

    @Test
    @Timeout(300)
    void modelCheckingCatchesAGracePeriodThatDoesNotWait() {
        ModelCheckingOptions options = modelChecking().minimizeFailedScenario(false);

        AssertionError failure = assertThrows(AssertionError.class, () -> options.check(NoGracePeriod.class));

        assertTrue(failure.getMessage().contains("readerSection(): false"), failure::getMessage);
    }

    private static ModelCheckingOptions modelChecking() {
        return new ModelCheckingOptions()
                .iterations(20)
                .invocationsPerIteration(500)
                .threads(3)
                .actorsPerThread(3);
    }
}
