package org.jnetgraph.epoch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/** Small harness pieces shared by the epoch tests: a controllable clock and a thread parked inside a section. */
final class EpochTesting {
    private EpochTesting() {}

    /** A clock the test moves by hand; it also counts reads, which tells a test that a waiter is still looping. */
    static final class ManualClock implements LongSupplier {
        private final AtomicLong now = new AtomicLong();
        private final AtomicLong reads = new AtomicLong();
        private final Map<Thread, AtomicLong> readsByThread = new ConcurrentHashMap<>();
        private final long stepPerRead;

        ManualClock() {
            this(0L);
        }

        ManualClock(long stepPerRead) {
            this.stepPerRead = stepPerRead;
        }

        @Override
        public long getAsLong() {
            reads.incrementAndGet();
            readsBy(Thread.currentThread()).incrementAndGet();
            return now.addAndGet(stepPerRead);
        }

        void advance(long nanos) {
            now.addAndGet(nanos);
        }

        /** Returns once the clock has been read {@code count} more times than when called. */
        void awaitMoreReads(long count) {
            long target = reads.get() + count;
            spinUntil(() -> reads.get() >= target);
        }

        /** Returns once {@code thread} has read the clock at least {@code count} times in all. */
        void awaitReadsBy(Thread thread, long count) {
            AtomicLong counter = readsBy(thread);
            spinUntil(() -> counter.get() >= count);
        }

        private AtomicLong readsBy(Thread thread) {
            return readsByThread.computeIfAbsent(thread, t -> new AtomicLong());
        }
    }

    /** A daemon thread that enters a section of a domain and stays inside until told to leave. */
    static final class HeldSection {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final Thread thread;

        HeldSection(EpochDomain domain, String threadName) {
            thread = Thread.ofPlatform().name(threadName).daemon().start(() -> holdInside(domain));
            awaitUninterruptibly(entered);
        }

        /** Leaves the section and waits for the thread to end. Idempotent. */
        void leave() {
            release.countDown();
            joinUninterruptibly(thread);
        }

        private void holdInside(EpochDomain domain) {
            domain.enter();
            try {
                entered.countDown();
                awaitUninterruptibly(release);
            } finally {
                domain.exit();
            }
        }
    }

    /** Returns once the thread is parked without a timeout (waiting for a condition, as barrier() does). */
    static void awaitWaiting(Thread thread) {
        spinUntil(() -> {
            Thread.State state = thread.getState();
            if (state == Thread.State.TERMINATED) {
                throw new AssertionError(thread.getName() + " ended instead of waiting");
            }
            return state == Thread.State.WAITING;
        });
    }

    /**
     * Spins until {@code done} holds. Gives up with an AssertionError when interrupted, which is how JUnit's
     * {@code @Timeout} stops a test, so a broken implementation fails the test instead of hanging the build.
     */
    static void spinUntil(BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            if (Thread.interrupted()) {
                throw new AssertionError("interrupted while waiting for a condition (test timeout?)");
            }
            Thread.onSpinWait();
        }
    }

    static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
