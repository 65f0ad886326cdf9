package org.jnetgraph;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test node type that records every method call into a shared journal, can refuse any step, and can be made
 * gated (data not concurrent with control). Behaves like echo for data unless told to sink.
 */
final class Recorder implements NodeType {
    final List<String> journal = new CopyOnWriteArrayList<>();
    final AtomicInteger made = new AtomicInteger();
    volatile String refuse = "";
    volatile boolean sink = true;
    private final String name;
    private final boolean concurrent;

    Recorder(String name, boolean concurrent) {
        this.name = name;
        this.concurrent = concurrent;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int cookie() {
        return 0x7e57;
    }

    @Override
    public boolean dataConcurrentWithControl() {
        return concurrent;
    }

    @Override
    public NodeMethods constructor(Node node) {
        String tag = "n" + made.incrementAndGet();
        journal.add("constructor " + tag);
        if (refuse.equals("constructor")) {
            throw new NgException(Errno.EPERM, "refused constructor");
        }
        return new NodeMethods() {
            @Override
            public void newhook(Hook hook, String hookName) {
                journal.add("newhook " + tag + " " + hookName);
                if (refuse.equals("newhook " + tag)) {
                    throw new NgException(Errno.EPERM, "refused newhook");
                }
            }

            @Override
            public void connect(Hook hook) {
                journal.add("connect " + tag + " " + hook.name());
                if (refuse.equals("connect " + tag)) {
                    throw new NgException(Errno.EPERM, "refused connect");
                }
            }

            @Override
            public Errno rcvdata(Hook hook, Packet packet) {
                if (sink) {
                    packet.free();
                    return Errno.OK;
                }
                return hook.send(packet);
            }

            @Override
            public Message rcvmsg(Message message, Hook lasthook) {
                throw new NgException(Errno.EINVAL, "recorder knows no message " + message.cmdstr());
            }

            @Override
            public void disconnect(Hook hook) {
                journal.add("disconnect " + tag + " " + hook.name());
                if (node.numHooks() == 0 && node.isValid()) {
                    node.rmnodeSelf();
                }
            }

            @Override
            public void shutdown() {
                journal.add("shutdown " + tag);
            }
        };
    }
}
