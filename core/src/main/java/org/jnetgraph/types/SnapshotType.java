package org.jnetgraph.types;

import java.util.List;
import org.jnetgraph.Command;
import org.jnetgraph.NodeType;

/**
 * The common part of the built-in types: a name, a cookie, a command list, and a data path that runs beside the
 * type's control methods because each type keeps its configuration in an immutable snapshot that control methods
 * replace and rcvdata reads once per packet.
 *
 * <p>Threading: immutable; any thread.
 */
abstract class SnapshotType implements NodeType {
    private final String name;
    private final int cookie;
    private final List<Command> commands;

    SnapshotType(String name, int cookie, List<Command> commands) {
        this.name = name;
        this.cookie = cookie;
        this.commands = List.copyOf(commands);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int cookie() {
        return cookie;
    }

    @Override
    public final List<Command> commands() {
        return commands;
    }

    @Override
    public final boolean dataConcurrentWithControl() {
        return true;
    }
}
