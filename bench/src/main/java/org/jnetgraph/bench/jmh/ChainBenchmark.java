package org.jnetgraph.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.jnetgraph.SyncMode;
import org.jnetgraph.bench.Topologies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Packets through a chain: {@code socket:out -> f0 -> .. -> f(length-1) -> hole}, where each {@code f} is the
 * {@code bfwd} forwarder (data beside control). Length 0 sends straight into the hole (the bare hop), length 1 is
 * one hop through a forwarder. One operation is one packet: allocate, fill 64 bytes, send, through every hop, freed
 * in the hole. Throughput in packets per microsecond (Mpps), summed over threads.
 *
 * <p>Threading: JMH's; {@link T1} one thread, {@link T2} two threads sharing the graph and the socket hook.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--sun-misc-unsafe-memory-access=allow"})
public abstract class ChainBenchmark {
    /** The graph's synchronization mode. */
    @Param({"EPOCH", "LOCK"})
    public SyncMode mode;

    /** Forwarders before the hole. */
    @Param({"0", "1", "5", "20"})
    public int length;

    private GraphState state;

    /** One benchmark thread. */
    @Threads(1)
    public static class T1 extends ChainBenchmark {}

    /** Two benchmark threads. */
    @Threads(2)
    public static class T2 extends ChainBenchmark {}

    /** Builds the graph and the chain. */
    @Setup(Level.Trial)
    public void setUp() {
        state = new GraphState(mode);
        state.out = Topologies.chainToHole(state.socket, length);
    }

    /** Closes the graph. */
    @TearDown(Level.Trial)
    public void tearDown() {
        state.close();
    }

    /** One packet through the chain. */
    @Benchmark
    public Object chain() {
        return state.send();
    }
}
