package org.jnetgraph.cli.ctl;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.jnetgraph.NgException;
import org.jnetgraph.Socket;
import org.jnetgraph.parse.GenericTypes;
import org.jnetgraph.parse.ParseType;
import org.jnetgraph.parse.StructValue;

/**
 * The commands that describe the graph: list, show and types, in ngctl's exact formats.
 *
 * <p>Threading: handlers run on the interpreter's thread with the session lock held.
 */
final class ListCommands {
    static final NgCmd LIST = new NgCmd(
            "list [-ln]",
            "Show information about all nodes",
            "The list command shows information about every node that currently exists in the netgraph system."
                    + " The optional -n argument limits this list to only those nodes with a global name"
                    + " assignment. The optional -l argument provides verbose output that includes hook"
                    + " information as well.",
            List.of("ls"),
            ListCommands::list);

    static final NgCmd SHOW = new NgCmd(
            "show [-n] <path>",
            "Show information about the node at <path>",
            "If the -n flag is given, hooks are not listed.",
            List.of("inquire", "info"),
            ListCommands::show);

    static final NgCmd TYPES =
            new NgCmd("types", "Show information about all installed node types", null, List.of(), ListCommands::types);

    private static final String UNNAMED = "<unnamed>";
    private static final String HOOK_ROW = "  %-15s %-15s %-12s %-15s %-15s";

    private ListCommands() {}

    // ---------------------------------------------------------------- list

    private static CmdResult list(Ngctl ngctl, List<String> av) {
        GetOpt options = new GetOpt(av, "ln", ngctl.diagnostics().stream());
        boolean verbose = false;
        boolean named = false;
        for (int option; (option = options.next()) != GetOpt.END; ) {
            switch (option) {
                case 'l' -> verbose = true;
                case 'n' -> named = true;
                default -> {
                    return CmdResult.USAGE;
                }
            }
        }
        if (!options.remaining().isEmpty()) {
            return CmdResult.USAGE;
        }
        int cmd = named ? GenericMessages.LISTNAMES : GenericMessages.LISTNODES;
        StructValue names = ask(ngctl, ".", cmd, GenericTypes.NAMELIST, "");
        return names == null ? CmdResult.ERROR : printList(ngctl, names, named, verbose);
    }

    private static CmdResult printList(Ngctl ngctl, StructValue names, boolean named, boolean verbose) {
        PrintStream out = ngctl.out();
        List<StructValue> nodes = names.getStructList("nodeinfo");
        out.println("There are " + nodes.size() + " total " + (named ? "named " : "") + "nodes:");
        for (int k = 0; k < nodes.size(); k++) {
            if (!verbose) {
                out.println(nodeLine(nodes.get(k)));
                continue;
            }
            String path = "[" + Long.toHexString(nodes.get(k).getLong("id")) + "]:";
            CmdResult result = show(ngctl, List.of("show", path));
            if (result != CmdResult.OK) {
                return result;
            }
            if (k < nodes.size() - 1) {
                out.println();
            }
        }
        return CmdResult.OK;
    }

    // ---------------------------------------------------------------- show

    private static CmdResult show(Ngctl ngctl, List<String> av) {
        GetOpt options = new GetOpt(av, "n", ngctl.diagnostics().stream());
        boolean noHooks = false;
        for (int option; (option = options.next()) != GetOpt.END; ) {
            if (option != 'n') {
                return CmdResult.USAGE;
            }
            noHooks = true;
        }
        if (options.remaining().size() != 1) {
            return CmdResult.USAGE;
        }
        StructValue hooks =
                ask(ngctl, options.remaining().get(0), GenericMessages.LISTHOOKS, GenericTypes.HOOKLIST, "");
        if (hooks == null) {
            return CmdResult.ERROR;
        }
        printShow(ngctl.out(), hooks, noHooks);
        return CmdResult.OK;
    }

    private static void printShow(PrintStream out, StructValue hooklist, boolean noHooks) {
        StructValue node = hooklist.getStruct("nodeinfo");
        out.println(nodeLine(node));
        if (noHooks || node.getLong("hooks") <= 0) {
            return;
        }
        out.println(hookRow("Local hook", "Peer name", "Peer type", "Peer ID", "Peer hook"));
        out.println(hookRow("----------", "---------", "---------", "-------", "---------"));
        for (StructValue link : hooklist.getStructList("linkinfo")) {
            StructValue peer = link.getStruct("nodeinfo");
            String id = String.format(Locale.ROOT, "%08x", peer.getLong("id"));
            out.println(hookRow(
                    link.getString("ourhook"), nameOf(peer), peer.getString("type"), id, link.getString("peerhook")));
        }
    }

    private static String hookRow(String... columns) {
        return String.format(Locale.ROOT, HOOK_ROW, (Object[]) columns);
    }

    /** {@code "  Name: %-15s Type: %-15s ID: %08x   Num hooks: %d"}. */
    static String nodeLine(StructValue node) {
        return String.format(
                Locale.ROOT,
                "  Name: %-15s Type: %-15s ID: %08x   Num hooks: %d",
                nameOf(node),
                node.getString("type"),
                node.getLong("id"),
                node.getLong("hooks"));
    }

    private static String nameOf(StructValue node) {
        String name = node.getString("name");
        return name.isEmpty() ? UNNAMED : name;
    }

    // ---------------------------------------------------------------- types

    private static CmdResult types(Ngctl ngctl, List<String> av) {
        if (av.size() != 1) {
            return CmdResult.USAGE;
        }
        StructValue types = ask(ngctl, ".", GenericMessages.LISTTYPES, GenericTypes.TYPELIST, "");
        if (types == null) {
            return CmdResult.ERROR;
        }
        PrintStream out = ngctl.out();
        List<StructValue> all = types.getStructList("typeinfo");
        out.println("There are " + all.size() + " total types:");
        if (!all.isEmpty()) {
            out.println(String.format(Locale.ROOT, "%15s   Number of living nodes", "Type name"));
            out.println(String.format(Locale.ROOT, "%15s   ----------------------", "---------"));
        }
        for (StructValue type : all) {
            out.println(String.format(Locale.ROOT, "%15s   %5d", type.getString("typename"), type.getLong("numnodes")));
        }
        return CmdResult.OK;
    }

    // ---------------------------------------------------------------- shared

    /**
     * Sends a generic request and decodes its reply; null after printing the diagnostic.
     *
     * @param what the diagnostic's word between send/recv and msg ({@code ""} or {@code "listhooks "})
     */
    static StructValue ask(Ngctl ngctl, String path, int cmd, ParseType replyType, String what) {
        try {
            Socket.Received reply = ngctl.channel().request(path, GenericMessages.request(cmd), what);
            return StructValue.decode(replyType, reply.message().data());
        } catch (Failure failure) {
            ngctl.diagnostics().warn(failure);
            return null;
        } catch (NgException badReply) {
            ngctl.diagnostics().warn("recv " + what + "msg", badReply);
            return null;
        }
    }
}
