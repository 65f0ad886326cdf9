package org.jnetgraph;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Taking a dying hook fails, and a link is divorced exactly once: two removals racing on one hook (RMHOOK from both
 * ends, or a shutdown and an RMHOOK) both try the VALID to DYING transition; exactly one wins, and the loser, which
 * finds the hook already dying, must not revive it or tear it down a second time.
 */
@JCStressTest
@Outcome(
        id = {"1, 0", "0, 1"},
        expect = ACCEPTABLE,
        desc = "exactly one removal took the hook")
@Outcome(id = "1, 1", expect = FORBIDDEN, desc = "both removals took the hook: a double teardown")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "neither removal took the hook: a lost teardown")
@State
public class DivorceOnceLitmus {
    private final Hook hook = new Hook("a", null);

    public DivorceOnceLitmus() {
        hook.publish();
    }

    @Actor
    public void removeFromThisEnd(II_Result result) {
        result.r1 = hook.transition(Hook.VALID, Hook.DYING) ? 1 : 0;
    }

    @Actor
    public void removeFromTheOtherEnd(II_Result result) {
        result.r2 = hook.transition(Hook.VALID, Hook.DYING) ? 1 : 0;
    }
}
