package org.jnetgraph.epoch;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The store-load pattern the epoch scheme rests on. The reader publishes its epoch slot and then loads the topology;
 * the writer changes the topology and then scans the slots (inside synchronize()). The forbidden outcome is a reader
 * that saw the OLD topology while the writer's grace period ended before that reader had left its section: the
 * writer did not see the reader inside. Without the full fence after the slot store, the reader's topology load
 * could move ahead of its slot store and this outcome would appear.
 */
@JCStressTest
@Outcome(id = "1, 2", expect = ACCEPTABLE, desc = "reader saw the new topology; writer waited for it")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "reader saw the new topology after the grace period")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "reader saw the new topology; writer did not need to wait")
@Outcome(id = "0, 2", expect = ACCEPTABLE, desc = "reader saw the old topology and the writer waited for it")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "reader saw the old topology, writer did not see it inside")
@Outcome(id = "0, 1", expect = FORBIDDEN, desc = "reader saw the old topology, writer did not wait for its exit")
@State
public class EpochStoreLoadLitmus {
    private final EpochDomain domain =
            EpochDomain.builder("litmus").manualReclaim().build();
    private volatile int topology;
    private volatile int readerPhase;

    @Actor
    public void reader(II_Result result) {
        domain.enter();
        readerPhase = 1;
        result.r1 = topology;
        readerPhase = 2;
        domain.exit();
    }

    @Actor
    public void writer(II_Result result) {
        topology = 1;
        domain.synchronize();
        result.r2 = readerPhase;
    }
}
