package org.jnetgraph;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jnetgraph.parse.GenericTypes;
import org.jnetgraph.parse.ParseType;

/**
 * BINARY2ASCII and ASCII2BINARY: converts a message's arguments between binary and FreeBSD's ASCII form, using the
 * command list of the node's type first and the generic list second.
 *
 * <p>Threading: stateless apart from the graph; called on the control path.
 */
final class Codec {
    /** The generic messages' command list, as FreeBSD's ng_generic_cmds. */
    static final List<Command> GENERIC_COMMANDS = List.of(
            new Command(Generic.COOKIE, Generic.SHUTDOWN, "shutdown", null, null),
            new Command(Generic.COOKIE, Generic.MKPEER, "mkpeer", GenericTypes.MKPEER, null),
            new Command(Generic.COOKIE, Generic.CONNECT, "connect", GenericTypes.CONNECT, null),
            new Command(Generic.COOKIE, Generic.NAME, "name", GenericTypes.NAME, null),
            new Command(Generic.COOKIE, Generic.RMHOOK, "rmhook", GenericTypes.RMHOOK, null),
            new Command(Generic.COOKIE, Generic.NODEINFO, "nodeinfo", null, GenericTypes.NODEINFO),
            new Command(Generic.COOKIE, Generic.LISTHOOKS, "listhooks", null, GenericTypes.HOOKLIST),
            new Command(Generic.COOKIE, Generic.LISTNAMES, "listnames", null, GenericTypes.NAMELIST),
            new Command(Generic.COOKIE, Generic.LISTNODES, "listnodes", null, GenericTypes.NAMELIST),
            new Command(Generic.COOKIE, Generic.LISTTYPES, "listtypes", null, GenericTypes.TYPELIST),
            new Command(Generic.COOKIE, Generic.TEXT_STATUS, "textstatus", null, ParseType.STRING),
            new Command(Generic.COOKIE, Generic.BINARY2ASCII, "binary2ascii", ParseType.NG_MESG, ParseType.NG_MESG),
            new Command(Generic.COOKIE, Generic.ASCII2BINARY, "ascii2binary", ParseType.NG_MESG, ParseType.NG_MESG),
            new Command(Generic.COOKIE, Generic.TEXT_CONFIG, "textconfig", null, ParseType.STRING));

    private final Graph graph;

    Codec(Graph graph) {
        this.graph = graph;
    }

    /** The command of {@code node}'s type (or a generic one) with this cookie and number, or null. */
    static Command find(Node node, int cookie, int cmd) {
        for (Command command : commandsOf(node)) {
            if (command.cookie() == cookie && command.cmd() == cmd) {
                return command;
            }
        }
        return null;
    }

    /** The command of {@code node}'s type (or a generic one) with this ASCII name, or null. Case-sensitive. */
    static Command find(Node node, String name) {
        for (Command command : commandsOf(node)) {
            if (command.name().equals(name)) {
                return command;
            }
        }
        return null;
    }

    private static Iterable<Command> commandsOf(Node node) {
        List<Command> typeCommands = node.type().commands();
        if (typeCommands.isEmpty()) {
            return GENERIC_COMMANDS;
        }
        Command[] all = new Command[typeCommands.size() + GENERIC_COMMANDS.size()];
        typeCommands.toArray(all);
        System.arraycopy(
                GENERIC_COMMANDS.toArray(new Command[0]), 0, all, typeCommands.size(), GENERIC_COMMANDS.size());
        return Arrays.asList(all);
    }

    /** BINARY2ASCII: the inner message with its command name and its arguments in ASCII (NUL-terminated). */
    byte[] binaryToAscii(Node node, byte[] inner) {
        Message message = Message.fromBytes(inner);
        Command command = find(node, message.typecookie(), message.cmd());
        if (command == null) {
            throw new NgException(
                    Errno.ENOSYS,
                    "binary2ascii: " + node.address() + " does not know message "
                            + Integer.toUnsignedString(message.typecookie()) + "/"
                            + Integer.toUnsignedString(message.cmd()));
        }
        ParseType type = message.isResponse() ? command.reply() : command.request();
        String text = type == null ? "" : type.unparse(message.data());
        byte[] ascii = Arrays.copyOf(text.getBytes(StandardCharsets.ISO_8859_1), text.length() + 1);
        return message.withCmdstr(command.name()).withData(ascii).toBytes();
    }

    /** ASCII2BINARY: the inner message with cmd and cookie from the named command and its arguments in binary. */
    byte[] asciiToBinary(Node node, byte[] inner) {
        Message message = Message.fromBytes(inner);
        Command command = find(node, message.cmdstr());
        if (command == null) {
            throw new NgException(
                    Errno.ENOSYS, "ascii2binary: " + node.address() + " has no command \"" + message.cmdstr() + "\"");
        }
        ParseType type = message.isResponse() ? command.reply() : command.request();
        byte[] data = message.data();
        String text = Message.cString(data, 0, data.length);
        byte[] binary = type == null ? new byte[0] : type.parse(text);
        return message.withCommand(command.cookie(), command.cmd())
                .withData(binary)
                .toBytes();
    }

    /** Converts for a client: the ASCII form of a message's arguments as the node at {@code node} renders them. */
    String unparse(Node node, Message message) {
        byte[] reply = binaryToAscii(node, message.toBytes());
        Message ascii = Message.fromBytes(reply);
        byte[] data = ascii.data();
        return Message.cString(data, 0, data.length);
    }

    Graph graph() {
        return graph;
    }
}
