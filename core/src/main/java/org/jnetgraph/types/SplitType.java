package org.jnetgraph.types;

import java.util.List;
import org.jnetgraph.Errno;
import org.jnetgraph.Hook;
import org.jnetgraph.NgException;
import org.jnetgraph.Node;
import org.jnetgraph.NodeMethods;
import org.jnetgraph.Packet;

/**
 * {@code split}: joins two one-way links into one two-way link. Frames arriving on {@code in} leave through
 * {@code mixed}; frames arriving on {@code mixed} leave through {@code out}; frames arriving on {@code out} are
 * refused with EINVAL. A frame whose destination hook is missing is dropped without an error.
 *
 * <p>Threading: immutable; any thread.
 */
public final class SplitType extends SnapshotType {
    /** NGM_SPLIT_COOKIE; the type has no messages of its own. */
    public static final int COOKIE = 949409402;
    /** The hook whose frames go out of {@code mixed}. */
    public static final String IN = "in";
    /** The hook that receives the frames arriving on {@code mixed}. */
    public static final String OUT = "out";
    /** The two-way hook. */
    public static final String MIXED = "mixed";

    private static final List<String> HOOKS = List.of(IN, OUT, MIXED);
    private static final int ROLE_IN = 0;
    private static final int ROLE_OUT = 1;
    private static final int ROLE_MIXED = 2;

    /** The split type, as the type registry finds it. */
    public SplitType() {
        super("split", COOKIE, List.of());
    }

    @Override
    public NodeMethods constructor(Node node) {
        return new Split(node);
    }

    private static final class Split implements NodeMethods {
        /*
         * Implementation notes: the hook of each role lives in an immutable array that the control path replaces and
         * rcvdata reads once per packet (volatile load). The role of an arriving hook is kept in its attachment so
         * that rcvdata never compares names. A hook being removed is invalid before its disconnect runs; sending to
         * it drops the frame, which is what FreeBSD does once the hook is gone.
         */
        private final Node node;
        private volatile Hook[] roles = new Hook[3];

        Split(Node node) {
            this.node = node;
        }

        @Override
        public void newhook(Hook hook, String name) {
            int role = HOOKS.indexOf(name);
            if (role < 0) {
                throw new NgException(Errno.EINVAL, "split: no hook named \"" + name + "\"");
            }
            if (roles[role] != null) {
                throw new NgException(Errno.EISCONN, "split: hook \"" + name + "\" is still connected");
            }
            hook.attach(role);
        }

        @Override
        public void connect(Hook hook) {
            Hook[] next = roles.clone();
            next[(Integer) hook.attachment()] = hook;
            roles = next;
        }

        @Override
        public Errno rcvdata(Hook hook, Packet packet) {
            int from = (Integer) hook.attachment();
            if (from == ROLE_OUT) {
                packet.free();
                return Errno.EINVAL;
            }
            Hook destination = roles[from == ROLE_IN ? ROLE_MIXED : ROLE_OUT];
            if (destination == null) {
                packet.free();
                return Errno.OK;
            }
            return destination.send(packet);
        }

        @Override
        public void disconnect(Hook hook) {
            Hook[] current = roles;
            int role = (Integer) hook.attachment();
            if (current[role] == hook) {
                Hook[] next = current.clone();
                next[role] = null;
                roles = next;
            }
            if (node.numHooks() == 0 && node.isValid()) {
                node.rmnodeSelf();
            }
        }
    }
}
