package org.jnetgraph.bench.jmh;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jnetgraph.epoch.EpochDomain;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The price of entering and leaving a read section: an epoch reader's enter/exit pair (cached reader, and through
 * the domain's ThreadLocal) against a {@link ReentrantReadWriteLock} read lock/unlock pair, the one lock mode takes
 * on every hop. Nobody writes: this is the uncontended cost. {@link T1} runs it on one thread, {@link T2} on two
 * threads sharing the domain and the lock.
 *
 * <p>Threading: JMH's; the domain and the lock are shared by the benchmark threads, each has its own reader.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--sun-misc-unsafe-memory-access=allow"})
public abstract class EpochBenchmark {

    /** One benchmark thread. */
    @Threads(1)
    public static class T1 extends EpochBenchmark {}

    /** Two benchmark threads. */
    @Threads(2)
    public static class T2 extends EpochBenchmark {}

    /** The domain and the lock, shared by the benchmark threads. */
    @State(Scope.Benchmark)
    public static class Shared {
        EpochDomain domain;
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

        /** A domain with its reclaimer thread, idle. */
        @Setup(Level.Trial)
        public void setUp() {
            domain = EpochDomain.builder("jmh").build();
        }

        /** Stops the reclaimer. */
        @TearDown(Level.Trial)
        public void tearDown() {
            domain.close();
        }
    }

    /** The calling thread's reader, fetched once per thread. */
    @State(Scope.Thread)
    public static class ThreadReader {
        EpochDomain.Reader reader;

        /** Registers the benchmark thread with the domain. */
        @Setup(Level.Trial)
        public void setUp(Shared shared) {
            reader = shared.domain.reader();
        }
    }

    /** Outermost enter and exit with a reader held by the thread: what the data path does per packet. */
    @Benchmark
    public void epochReaderEnterExit(ThreadReader state) {
        EpochDomain.Reader reader = state.reader;
        reader.enter();
        reader.exit();
    }

    /** The same through {@link EpochDomain#enter()}/{@link EpochDomain#exit()} (two ThreadLocal lookups). */
    @Benchmark
    public void epochDomainEnterExit(Shared shared) {
        shared.domain.enter();
        shared.domain.exit();
    }

    /** A read lock and unlock of a shared ReentrantReadWriteLock, as lock mode takes per hop. */
    @Benchmark
    public void rwLockReadLockUnlock(Shared shared) {
        ReentrantReadWriteLock.ReadLock read = shared.lock.readLock();
        read.lock();
        read.unlock();
    }
}
