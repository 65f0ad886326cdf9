package org.jnetgraph.cli.ctl;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jnetgraph.parse.GenericTypes;
import org.jnetgraph.parse.StructValue;

/**
 * {@code dot [outputfile]}: the whole graph in GraphViz form, as ngctl prints it: every node as a record, nodes
 * without hooks in a pink cluster, each node's hooks as octagons tied to it, and each link once, from the node whose
 * ID is not smaller than its peer's.
 *
 * <p>Threading: runs on the interpreter's thread with the session lock held.
 */
final class DotCommand {
    static final NgCmd DOT = new NgCmd(
            "dot [outputfile]",
            "Produce a GraphViz (.dot) of the entire netgraph.",
            "If no outputfile is specified, stdout will be assumed.",
            List.of("graphviz", "confdot"),
            DotCommand::dot);

    private static final String UNNAMED = "\\<unnamed\\>";

    private DotCommand() {}

    private static CmdResult dot(Ngctl ngctl, List<String> av) {
        GetOpt options = new GetOpt(av, "", ngctl.diagnostics().stream());
        if (options.next() != GetOpt.END) {
            return CmdResult.USAGE;
        }
        List<String> files = options.remaining();
        if (files.size() > 1) {
            return CmdResult.USAGE;
        }
        if (files.isEmpty()) {
            return write(ngctl, ngctl.out());
        }
        try (PrintStream file = open(files.get(0))) {
            return write(ngctl, file);
        } catch (IOException e) {
            ngctl.diagnostics().warn("Could not open " + files.get(0) + " for writing", e);
            return CmdResult.ERROR;
        }
    }

    private static PrintStream open(String name) throws IOException {
        return new PrintStream(
                new BufferedOutputStream(Files.newOutputStream(Path.of(name))), false, StandardCharsets.ISO_8859_1);
    }

    private static CmdResult write(Ngctl ngctl, PrintStream out) {
        StructValue names =
                ListCommands.ask(ngctl, ".", GenericMessages.LISTNODES, GenericTypes.NAMELIST, "listnodes ");
        if (names == null) {
            return CmdResult.ERROR;
        }
        List<StructValue> nodes = names.getStructList("nodeinfo");
        out.println("graph netgraph {");
        out.println("\tedge [ weight = 1.0 ];");
        printNodes(out, nodes);
        for (StructValue node : nodes) {
            StructValue hooks = ListCommands.ask(
                    ngctl, address(node), GenericMessages.LISTHOOKS, GenericTypes.HOOKLIST, "listhooks ");
            if (hooks == null) {
                return CmdResult.ERROR;
            }
            printHooks(out, node, hooks);
        }
        out.println("}");
        out.flush();
        return CmdResult.OK;
    }

    private static void printNodes(PrintStream out, List<StructValue> nodes) {
        out.println("\tnode [ shape = record, fontsize = 12 ] {");
        for (StructValue node : nodes) {
            String name = node.getString("name").isEmpty() ? UNNAMED : node.getString("name");
            out.println("\t\t\"" + id(node) + "\" [ label = \"{" + name + ":|{" + node.getString("type") + "|["
                    + id(node) + "]:}}\" ];");
        }
        out.println("\t};");
        out.println("\tsubgraph cluster_disconnected {");
        out.println("\t\tbgcolor = pink;");
        for (StructValue node : nodes) {
            if (node.getLong("hooks") == 0) {
                out.println("\t\t\"" + id(node) + "\";");
            }
        }
        out.println("\t};");
    }

    private static void printHooks(PrintStream out, StructValue node, StructValue hooklist) {
        List<StructValue> links = hooklist.getStructList("linkinfo");
        if (links.isEmpty()) {
            return;
        }
        String id = id(node);
        out.println("\tnode [ shape = octagon, fontsize = 10 ] {");
        for (StructValue link : links) {
            String hook = link.getString("ourhook");
            out.println("\t\t\"" + id + "." + hook + "\" [ label = \"" + hook + "\" ];");
        }
        out.println("\t};");
        out.println("\t{");
        out.println("\t\tedge [ weight = 2.0, style = bold ];");
        for (StructValue link : links) {
            out.println("\t\t\"" + id + "\" -- \"" + id + "." + link.getString("ourhook") + "\";");
        }
        out.println("\t};");
        printEdges(out, node, links);
    }

    /** Each link once: from the side whose node ID is the larger (or equal, for a node linked to itself). */
    private static void printEdges(PrintStream out, StructValue node, List<StructValue> links) {
        for (StructValue link : links) {
            StructValue peer = link.getStruct("nodeinfo");
            if (Long.compareUnsigned(peer.getLong("id"), node.getLong("id")) > 0) {
                continue;
            }
            out.println("\t\"" + id(node) + "." + link.getString("ourhook") + "\" -- \"" + id(peer) + "."
                    + link.getString("peerhook") + "\";");
        }
    }

    private static String id(StructValue node) {
        return Long.toHexString(node.getLong("id"));
    }

    private static String address(StructValue node) {
        return "[" + id(node) + "]:";
    }
}
