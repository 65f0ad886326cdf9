package org.jnetgraph.cli.ctl;

import java.util.List;
import org.jnetgraph.Message;

/**
 * The commands that change the graph's shape: mkpeer, connect, name, rmhook and shutdown. Each sends one generic
 * message and, once the target applied it, waits for the teardown it started ({@link Ngctl#settle()}).
 *
 * <p>Threading: handlers run on the interpreter's thread with the session lock held.
 */
final class GraphCommands {
    static final NgCmd MKPEER = new NgCmd(
            "mkpeer [path] <type> <hook> <peerhook>",
            "Create and connect a new node to the node at \"path\"",
            "The mkpeer command atomically creates a new node of type \"type\" and connects it to the node at"
                    + " \"path\". The hooks used for the connection are \"hook\" on the original node and"
                    + " \"peerhook\" on the new node. If \"path\" is omitted then \".\" is assumed.",
            List.of(),
            GraphCommands::mkpeer);

    static final NgCmd CONNECT = new NgCmd(
            "connect [path] <relpath> <hook> <peerhook>",
            "Connects hook <peerhook> of the node at <relpath> to <hook>",
            "The connect command creates a link between the two nodes at \"path\" and \"relpath\" using hooks"
                    + " \"hook\" and \"peerhook\", respectively. The \"relpath\", if not absolute, is specified"
                    + " relative to the node at \"path\". If \"path\" is omitted then \".\" is assumed.",
            List.of("join"),
            GraphCommands::connect);

    static final NgCmd NAME = new NgCmd(
            "name <path> <name>", "Assign name <name> to the node at <path>", null, List.of(), GraphCommands::name);

    static final NgCmd RMHOOK = new NgCmd(
            "rmhook [path] <hook>",
            "Disconnect hook \"hook\" of the node at \"path\"",
            "The rmhook command forces the node at \"path\" to break the link formed by its hook \"hook\", if"
                    + " connected. If \"path\" is omitted then \".\" is assumed.",
            List.of("disconnect"),
            GraphCommands::rmhook);

    static final NgCmd SHUTDOWN = new NgCmd(
            "shutdown <path>", "Shutdown the node at <path>", null, List.of("kill", "rmnode"), GraphCommands::shutdown);

    private GraphCommands() {}

    private static CmdResult mkpeer(Ngctl ngctl, List<String> av) {
        if (av.size() != 4 && av.size() != 5) {
            return CmdResult.USAGE;
        }
        List<String> rest = av.subList(av.size() - 3, av.size());
        return send(ngctl, pathOrDot(av, 5), GenericMessages.mkpeer(rest.get(0), rest.get(1), rest.get(2)), "send msg");
    }

    private static CmdResult connect(Ngctl ngctl, List<String> av) {
        if (av.size() != 4 && av.size() != 5) {
            return CmdResult.USAGE;
        }
        List<String> rest = av.subList(av.size() - 3, av.size());
        Message message = GenericMessages.connect(rest.get(0), rest.get(1), rest.get(2));
        return send(ngctl, pathOrDot(av, 5), message, "send msg");
    }

    private static CmdResult name(Ngctl ngctl, List<String> av) {
        if (av.size() != 3) {
            return CmdResult.USAGE;
        }
        return send(ngctl, av.get(1), GenericMessages.name(av.get(2)), "send msg");
    }

    private static CmdResult rmhook(Ngctl ngctl, List<String> av) {
        if (av.size() != 2 && av.size() != 3) {
            return CmdResult.USAGE;
        }
        return send(ngctl, pathOrDot(av, 3), GenericMessages.rmhook(av.getLast()), "send msg");
    }

    private static CmdResult shutdown(Ngctl ngctl, List<String> av) {
        if (av.size() != 2) {
            return CmdResult.USAGE;
        }
        return send(ngctl, av.get(1), GenericMessages.request(GenericMessages.SHUTDOWN), "shutdown");
    }

    /** The explicit path when the command has its long form ({@code longForm} words), else {@code .}. */
    private static String pathOrDot(List<String> av, int longForm) {
        return av.size() == longForm ? av.get(1) : ".";
    }

    private static CmdResult send(Ngctl ngctl, String path, Message message, String context) {
        try {
            ngctl.channel().send(path, message, context);
            return CmdResult.OK;
        } catch (Failure failure) {
            ngctl.diagnostics().warn(failure);
            return CmdResult.ERROR;
        } finally {
            ngctl.settle();
        }
    }
}
