package org.jnetgraph;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * A newly connected hook is never seen half-initialised. The control path builds the new hook, links the existing
 * hook to it (release), links it back, and only then makes it VALID (release). The data path loads the peer
 * (acquire) and then its state (acquire); a peer it finds VALID must show its name and its link back.
 */
@JCStressTest
@Outcome(id = "-1", expect = ACCEPTABLE, desc = "the new peer is not VALID yet (or not linked): the sender drops")
@Outcome(id = "1", expect = ACCEPTABLE, desc = "the new peer is VALID and fully built")
@Outcome(id = "0", expect = FORBIDDEN, desc = "the peer is VALID but its name or link back is not visible")
@State
public class HookPublicationLitmus {
    private final Hook existing = new Hook("a", null);

    @Actor
    public void connect() {
        Hook added = new Hook("b", null);
        existing.linkPeer(added);
        added.linkPeer(existing);
        added.publish();
    }

    @Actor
    public void send(I_Result result) {
        Hook peer = existing.peerAcquire();
        if (peer.stateAcquire() != Hook.VALID) {
            result.r1 = -1;
            return;
        }
        result.r1 = "b".equals(peer.name()) && peer.peerAcquire() == existing ? 1 : 0;
    }
}
