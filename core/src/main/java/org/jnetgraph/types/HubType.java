package org.jnetgraph.types;

import java.util.List;
import org.jnetgraph.Command;
import org.jnetgraph.Errno;
import org.jnetgraph.Hook;
import org.jnetgraph.Message;
import org.jnetgraph.NgException;
import org.jnetgraph.Node;
import org.jnetgraph.NodeMethods;
import org.jnetgraph.Packet;

/**
 * {@code hub}: a repeater. Every packet goes out of every other hook: copies to all but the last hook of the node's
 * list, the original to the last. Shuts down with its last hook unless made persistent.
 *
 * <p>Threading: immutable; any thread.
 */
public final class HubType extends SnapshotType {
    /** NGM_HUB_COOKIE. */
    public static final int COOKIE = 1082189597;
    /** NGM_HUB_SET_PERSISTENT. */
    public static final int SET_PERSISTENT = 1;

    private static final List<Command> COMMANDS =
            List.of(new Command(COOKIE, SET_PERSISTENT, "setpersistent", null, null));

    /** The hub type, as the type registry finds it. */
    public HubType() {
        super("hub", COOKIE, COMMANDS);
    }

    @Override
    public NodeMethods constructor(Node node) {
        return new Hub(node);
    }

    private static final class Hub implements NodeMethods {
        /*
         * Implementation notes: 'links' is an immutable snapshot of the connected hooks, newest first, replaced by
         * the control path on connect and disconnect and read once per packet with a volatile load. A hook being
         * removed stays in the snapshot until its disconnect runs after a grace period, but it is already invalid
         * and is skipped, so traffic stops going there as soon as the RMHOOK returned.
         */
        private final Node node;
        private volatile Hook[] links = new Hook[0];
        private volatile boolean persistent;

        Hub(Node node) {
            this.node = node;
        }

        @Override
        public void connect(Hook hook) {
            Hook[] old = links;
            Hook[] next = new Hook[old.length + 1];
            next[0] = hook;
            System.arraycopy(old, 0, next, 1, old.length);
            links = next;
        }

        @Override
        public Errno rcvdata(Hook hook, Packet packet) {
            Hook[] snapshot = links;
            Hook last = null;
            for (Hook out : snapshot) {
                if (out == hook || !out.isLinked()) {
                    continue;
                }
                if (last != null) {
                    last.send(packet.copy());
                }
                last = out;
            }
            if (last == null) {
                packet.free();
                return Errno.OK;
            }
            return last.send(packet);
        }

        @Override
        public Message rcvmsg(Message message, Hook lasthook) {
            if (message.typecookie() != COOKIE || message.cmd() != SET_PERSISTENT) {
                throw new NgException(Errno.EINVAL, "hub: unknown message " + message.cmdstr());
            }
            persistent = true;
            return null;
        }

        @Override
        public void disconnect(Hook hook) {
            Hook[] old = links;
            int at = List.of(old).indexOf(hook);
            if (at >= 0) {
                Hook[] next = new Hook[old.length - 1];
                System.arraycopy(old, 0, next, 0, at);
                System.arraycopy(old, at + 1, next, at, old.length - at - 1);
                links = next;
            }
            if (node.numHooks() == 0 && node.isValid() && !persistent) {
                node.rmnodeSelf();
            }
        }
    }
}
