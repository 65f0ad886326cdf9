package org.jnetgraph;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The invalid flag set before unlinking is seen by every reader that can still reach the object. RMHOOK marks the
 * peer DYING (a CAS) before it points the hook at the dead hook (release). A reader that already sees the unlink
 * and then looks at the peer it knew must see it DYING; otherwise a sender holding the old peer could deliver
 * through a link whose removal it has already observed.
 */
@JCStressTest
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "reader ran before the change: still linked, peer VALID")
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "reader saw the peer DYING before the unlink")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "reader saw both the unlink and the peer DYING")
@Outcome(id = "1, 1", expect = FORBIDDEN, desc = "reader saw the unlink but the peer still VALID")
@State
public class UnlinkOrderLitmus {
    private final Hook hook = new Hook("a", null);
    private final Hook peer = new Hook("b", null);

    public UnlinkOrderLitmus() {
        hook.linkPeer(peer);
        peer.linkPeer(hook);
        peer.publish();
        hook.publish();
    }

    @Actor
    public void rmhook() {
        peer.transition(Hook.VALID, Hook.DYING);
        hook.unlinkPeer();
    }

    @Actor
    public void send(II_Result result) {
        result.r1 = hook.peerAcquire() == Hook.DEAD_HOOK ? 1 : 0;
        result.r2 = peer.stateAcquire() == Hook.VALID ? 1 : 0;
    }
}
