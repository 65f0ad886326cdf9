package org.jnetgraph.epoch;

import static org.jnetgraph.epoch.EpochTesting.awaitWaiting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.jnetgraph.epoch.EpochTesting.HeldSection;
import org.jnetgraph.epoch.EpochTesting.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The contract of EpochDomain, one behaviour per test. Every test is bounded by the class-level timeout. */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EpochDomainTest {
    private static final long MILLI = 1_000_000L;

    private final ManualClock clock = new ManualClock();
    private final List<String> stallLines = Collections.synchronizedList(new ArrayList<>());
    private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<HeldSection> held = new ArrayList<>();
    private EpochDomain domain = newDomain(65_536);

    /** Lets every held section go first, so that a failed test cannot leave close() waiting for one. */
    @AfterEach
    void closeDomain() {
        held.forEach(HeldSection::leave);
        domain.close();
    }

    private HeldSection hold(String threadName) {
        HeldSection section = new HeldSection(domain, threadName);
        held.add(section);
        return section;
    }

    private EpochDomain newDomain(long bound) {
        return EpochDomain.builder("test")
                .backlogBound(bound)
                .nanoClock(clock)
                .stallLog(stallLines::add)
                .errorHandler(failures::add)
                .build();
    }

    private void useBound(long bound) {
        domain.close();
        domain = newDomain(bound);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Reader side
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void shouldPublishOnlyOnOutermostEnterAndClearOnlyOnOutermostExit() {
        EpochDomain.Reader reader = domain.reader();

        reader.enter();
        long published = reader.epochAcquire();
        domain.enter();
        domain.exit();

        assertNotEquals(GracePeriods.IDLE, published);
        assertEquals(published, reader.epochAcquire());
        assertTrue(domain.inSection());

        reader.exit();

        assertEquals(GracePeriods.IDLE, reader.epochAcquire());
        assertFalse(reader.inSection());
        assertFalse(domain.inSection());
    }

    @Test
    void shouldThrowOnExitWithoutEnter() {
        assertThrows(IllegalStateException.class, domain::exit);
        assertThrows(IllegalStateException.class, () -> domain.reader().exit());

        domain.enter();
        domain.exit();

        assertThrows(IllegalStateException.class, domain::exit);
    }

    @Test
    void shouldGiveEachThreadItsOwnReader() throws Exception {
        EpochDomain.Reader mine = domain.reader();
        mine.enter();

        AtomicReference<EpochDomain.Reader> theirs = new AtomicReference<>();
        AtomicReference<Boolean> theyAreInside = new AtomicReference<>();
        Thread other = Thread.ofPlatform().start(() -> {
            theirs.set(domain.reader());
            theyAreInside.set(domain.inSection());
        });
        other.join();
        mine.exit();

        assertSame(mine, domain.reader());
        assertNotSame(mine, theirs.get());
        assertFalse(theyAreInside.get());
    }

    @Test
    void shouldNotAllocateOnEnterAndExitAfterFirstUse() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        EpochDomain.Reader reader = domain.reader();
        enterAndExit(reader, 20_000);

        long before = threads.getCurrentThreadAllocatedBytes();
        enterAndExit(reader, 100_000);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertTrue(allocated < 1_024, () -> "enter/exit allocated " + allocated + " bytes");
    }

    private void enterAndExit(EpochDomain.Reader reader, int times) {
        for (int i = 0; i < times; i++) {
            domain.enter();
            reader.enter();
            reader.exit();
            domain.exit();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Grace periods
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void shouldRefuseToWaitInsideASection() {
        domain.enter();
        try {
            assertThrows(IllegalStateException.class, domain::synchronize);
            assertThrows(IllegalStateException.class, domain::barrier);
            assertThrows(IllegalStateException.class, domain::close);
        } finally {
            domain.exit();
        }

        domain.synchronize();
    }

    @Test
    void shouldWaitInSynchronizeForAReaderInsideASection() throws Exception {
        HeldSection reader = hold("reader");
        CompletableFuture<Void> done = CompletableFuture.runAsync(domain::synchronize, Thread::startVirtualThread);
        clock.awaitMoreReads(100);

        assertFalse(done.isDone());

        reader.leave();
        done.get(5, TimeUnit.SECONDS);
    }

    @Test
    void shouldNotLetADeadThreadBlockSynchronize() throws Exception {
        Thread diedInside = Thread.ofPlatform().start(domain::enter);
        diedInside.join();
        assertEquals(1, domain.registeredReaders());

        domain.synchronize();

        assertEquals(0, domain.registeredReaders());
    }

    @Test
    void shouldReportAStalledSectionOnceAndCountIt() throws Exception {
        HeldSection stuck = hold("stuck-reader");
        Thread writer = Thread.ofPlatform().start(domain::synchronize);
        Thread secondWriter = Thread.ofPlatform().start(domain::synchronize);
        awaitWaitingForReader(writer);
        awaitWaitingForReader(secondWriter);

        clock.advance(Duration.ofSeconds(2).toNanos());
        clock.awaitMoreReads(1_000);

        assertEquals(1, domain.stalledReaders());
        assertEquals(1, stallLines.size());
        assertTrue(stallLines.getFirst().contains("'stuck-reader'"), stallLines::getFirst);

        stuck.leave();
        writer.join();
        secondWriter.join();
    }

    @Test
    void shouldReportTheNextStalledSectionAgain() throws Exception {
        for (int round = 1; round <= 2; round++) {
            HeldSection stuck = hold("stuck-" + round);
            Thread writer = Thread.ofPlatform().start(domain::synchronize);
            awaitWaitingForReader(writer);
            clock.advance(Duration.ofSeconds(2).toNanos());
            clock.awaitMoreReads(100);

            stuck.leave();
            writer.join();
        }

        assertEquals(2, domain.stalledReaders());
        assertEquals(2, stallLines.size());
    }

    /** A writer that has read the clock a few times is inside the wait loop, its stall timer started. */
    private void awaitWaitingForReader(Thread writer) {
        clock.awaitReadsBy(writer, 5);
    }

    @Test
    void shouldRecordGracePeriodLatency() {
        ManualClock ticking = new ManualClock(1_500);
        try (EpochDomain timed = EpochDomain.builder("timed").nanoClock(ticking).build()) {
            timed.synchronize();
            timed.synchronize();
            timed.synchronize();

            long[] histogram = timed.graceLatencyHistogram();
            assertEquals(3, timed.gracePeriods());
            assertEquals(1_500, timed.maxGraceNanos());
            assertEquals(40, histogram.length);
            assertEquals(3, histogram[11]); // 1,500 ns lies in [2^10, 2^11)
            assertEquals(3, Arrays.stream(histogram).sum());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Retired callbacks
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void shouldRunARetiredCallbackOnlyAfterTheReaderInsideLeaves() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        AtomicReference<String> ranOn = new AtomicReference<>();

        HeldSection reader = hold("reader");
        domain.retire(() -> {
            ranOn.set(Thread.currentThread().getName());
            ran.countDown();
        });
        clock.awaitMoreReads(100);

        assertEquals(1, ran.getCount());

        reader.leave();
        assertTrue(ran.await(5, TimeUnit.SECONDS));
        assertEquals("epoch-reclaimer-test", ranOn.get());
    }

    @Test
    void shouldRunCallbacksInRetirementOrder() {
        List<Integer> order = new ArrayList<>();

        for (int i = 0; i < 1_000; i++) {
            int n = i;
            domain.retire(() -> order.add(n));
        }
        domain.barrier();

        assertEquals(IntStream.range(0, 1_000).boxed().toList(), order);
    }

    @Test
    void shouldKeepTheReclaimerAliveWhenACallbackThrows() {
        IllegalStateException boom = new IllegalStateException("boom");
        CountDownLatch afterwards = new CountDownLatch(1);

        domain.retire(() -> {
            throw boom;
        });
        domain.retire(afterwards::countDown);
        domain.barrier();

        assertEquals(0, afterwards.getCount());
        assertEquals(1, domain.callbackFailures());
        assertEquals(2, domain.callbacksRun());
        assertEquals(List.of(boom), failures);
    }

    @Test
    void shouldWaitInBarrierForEarlierCallbacks() throws Exception {
        assertEquals(0, domain.backlog());
        domain.barrier(); // nothing pending: returns at once

        CountDownLatch ran = new CountDownLatch(1);
        HeldSection reader = hold("reader");
        domain.retire(ran::countDown);
        Thread waiter = Thread.ofPlatform().start(domain::barrier);
        awaitWaiting(waiter);

        assertEquals(1, ran.getCount());

        reader.leave();
        waiter.join();
        assertEquals(0, ran.getCount());
    }

    @Test
    void shouldCountTheBacklogAndBlockRetireOutsideASectionAtTheBound() throws Exception {
        useBound(2);
        HeldSection reader = hold("reader");
        domain.retire(() -> {});
        domain.retire(() -> {});
        assertEquals(2, domain.backlog());

        retireInsideSection();
        assertEquals(3, domain.backlog());
        assertEquals(1, domain.backlogOverflows());

        Thread blocked = Thread.ofPlatform().start(() -> domain.retire(() -> {}));
        awaitWaiting(blocked);
        assertEquals(3, domain.backlog());

        reader.leave();
        blocked.join();
        domain.barrier();
        assertEquals(0, domain.backlog());
        assertEquals(4, domain.callbacksRun());
        assertTrue(domain.backlogHighWater() >= 3, () -> "high water " + domain.backlogHighWater());
    }

    private void retireInsideSection() {
        domain.enter();
        try {
            domain.retire(() -> {});
        } finally {
            domain.exit();
        }
    }

    @Test
    void shouldNeverBlockARetireMadeByACallback() throws Exception {
        useBound(1);
        CountDownLatch inner = new CountDownLatch(1);

        domain.retire(() -> domain.retire(inner::countDown));

        assertTrue(inner.await(5, TimeUnit.SECONDS));
    }

    @Test
    void shouldRefuseBarrierAndCloseFromACallback() throws Exception {
        List<Class<?>> refused = Collections.synchronizedList(new ArrayList<>());
        domain.retire(() -> refused.add(
                assertThrows(IllegalStateException.class, domain::barrier).getClass()));
        domain.retire(() -> refused.add(
                assertThrows(IllegalStateException.class, domain::close).getClass()));

        domain.barrier();

        assertEquals(2, refused.size());
    }

    @Test
    void shouldRunEveryRetiredCallbackOnCloseAndRefuseRetireAfterwards() {
        AtomicReference<Thread> reclaimer = new AtomicReference<>();
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 100; i++) {
            int n = i;
            domain.retire(() -> {
                reclaimer.set(Thread.currentThread());
                ran.add(n);
            });
        }

        domain.close();
        domain.close(); // idempotent

        assertEquals(100, ran.size());
        assertTrue(reclaimer.get().isDaemon());
        assertFalse(reclaimer.get().isAlive());
        assertThrows(IllegalStateException.class, () -> domain.retire(() -> {}));
        domain.synchronize(); // still works without a reclaimer
    }
}
