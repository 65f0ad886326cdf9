package org.jnetgraph.types;

import java.util.List;
import org.jnetgraph.Errno;
import org.jnetgraph.Hook;
import org.jnetgraph.Message;
import org.jnetgraph.Node;
import org.jnetgraph.NodeMethods;
import org.jnetgraph.Packet;

/**
 * {@code echo}: sends every packet back out of the hook it came in on, answers every control message that reaches
 * it with the same message marked as a reply, and shuts down with its last hook.
 *
 * <p>Threading: immutable; any thread.
 */
public final class EchoType extends SnapshotType {
    /** NGM_ECHO_COOKIE. */
    public static final int COOKIE = 884298942;

    /** The echo type, as the type registry finds it. */
    public EchoType() {
        super("echo", COOKIE, List.of());
    }

    @Override
    public NodeMethods constructor(Node node) {
        return new NodeMethods() {
            @Override
            public Errno rcvdata(Hook hook, Packet packet) {
                return hook.send(packet);
            }

            @Override
            public Message rcvmsg(Message message, Hook lasthook) {
                return message.reply(message.data());
            }

            @Override
            public void disconnect(Hook hook) {
                if (node.numHooks() == 0 && node.isValid()) {
                    node.rmnodeSelf();
                }
            }
        };
    }
}
