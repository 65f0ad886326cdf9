package org.jnetgraph.review;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jnetgraph.Errno;
import org.jnetgraph.Hook;
import org.jnetgraph.Message;
import org.jnetgraph.Node;
import org.jnetgraph.NodeMethods;
import org.jnetgraph.NodeType;
import org.jnetgraph.Packet;

/** A review node type whose methods are supplied by the test; records every call. */
final class FnType implements NodeType {
    interface Data {
        Errno rcvdata(Node node, Hook hook, Packet packet);
    }

    interface Ctl {
        void run(Node node, Hook hook);
    }

    interface Msg {
        Message rcvmsg(Node node, Message message, Hook lasthook);
    }

    final List<String> journal = new CopyOnWriteArrayList<>();
    private final String name;
    private final boolean concurrent;
    volatile Data data = (n, h, p) -> {
        p.free();
        return Errno.OK;
    };
    volatile Msg msg = (n, m, h) -> null;
    volatile Ctl newhook = (n, h) -> {};
    volatile Ctl connect = (n, h) -> {};
    volatile Ctl disconnect = (n, h) -> {
        if (n.numHooks() == 0 && n.isValid()) {
            n.rmnodeSelf();
        }
    };
    volatile Ctl close = (n, h) -> {};
    volatile Ctl shutdown = (n, h) -> {};
    volatile Runnable constructor = () -> {};

    FnType(String name, boolean concurrent) {
        this.name = name;
        this.concurrent = concurrent;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int cookie() {
        return 0x5eed;
    }

    @Override
    public boolean dataConcurrentWithControl() {
        return concurrent;
    }

    @Override
    public NodeMethods constructor(Node node) {
        journal.add("constructor");
        constructor.run();
        return new NodeMethods() {
            @Override
            public void newhook(Hook hook, String hookName) {
                journal.add("newhook " + node.id() + " " + hookName);
                newhook.run(node, hook);
            }

            @Override
            public void connect(Hook hook) {
                journal.add("connect " + node.id() + " " + hook.name());
                connect.run(node, hook);
            }

            @Override
            public Errno rcvdata(Hook hook, Packet packet) {
                return data.rcvdata(node, hook, packet);
            }

            @Override
            public Message rcvmsg(Message message, Hook lasthook) {
                journal.add("rcvmsg " + node.id() + " " + message.cmdstr());
                return msg.rcvmsg(node, message, lasthook);
            }

            @Override
            public void close() {
                journal.add("close " + node.id());
                close.run(node, null);
            }

            @Override
            public void shutdown() {
                journal.add("shutdown " + node.id());
                shutdown.run(node, null);
            }

            @Override
            public void disconnect(Hook hook) {
                journal.add("disconnect " + node.id() + " " + hook.name());
                disconnect.run(node, hook);
            }
        };
    }
}
