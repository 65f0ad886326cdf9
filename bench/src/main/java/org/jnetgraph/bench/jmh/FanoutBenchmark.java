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
 * Fan-out: one packet in, two out. {@code tee}: the original goes {@code left -> right} into a hole and a copy out
 * of {@code left2right} into another. {@code one2many}: xmitAlg ALL over {@code many0} and {@code many1}, each into
 * a hole (one copy). One operation is one packet sent (two freed). Throughput in packets sent per microsecond.
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
public abstract class FanoutBenchmark {
    /** The graph's synchronization mode. */
    @Param({"EPOCH", "LOCK"})
    public SyncMode mode;

    /** The fan-out node: {@code tee} or {@code one2many}. */
    @Param({"tee", "one2many"})
    public String kind;

    private GraphState state;

    /** One benchmark thread. */
    @Threads(1)
    public static class T1 extends FanoutBenchmark {}

    /** Two benchmark threads. */
    @Threads(2)
    public static class T2 extends FanoutBenchmark {}

    /** Builds the graph and the fan-out. */
    @Setup(Level.Trial)
    public void setUp() {
        state = new GraphState(mode);
        state.out = switch (kind) {
            case "tee" -> Topologies.teeToHoles(state.socket);
            case "one2many" -> Topologies.one2manyAllToHoles(state.socket, 2);
            default -> throw new IllegalArgumentException("unknown fan-out kind " + kind);
        };
    }

    /** Closes the graph. */
    @TearDown(Level.Trial)
    public void tearDown() {
        state.close();
    }

    /** One packet into the fan-out node. */
    @Benchmark
    public Object fanout() {
        return state.send();
    }
}
