package org.jnetgraph.cli.ctl;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jnetgraph.Errno;
import org.jnetgraph.Message;
import org.jnetgraph.NgException;
import org.jnetgraph.Socket;

/**
 * The commands that exchange messages with a node: msg (any command, in ASCII), config and status (the node type's
 * text).
 *
 * <p>Threading: handlers run on the interpreter's thread with the session lock held.
 */
final class MessageCommands {
    static final NgCmd MSG = new NgCmd(
            "msg path command [args ... ]",
            "Send a netgraph control message to the node at \"path\"",
            "The msg command constructs a netgraph control message from the command name and ASCII arguments (if"
                    + " any) and sends that message to the node.  It does this by first asking the node to convert"
                    + " the ASCII message into binary format, and resending the result.",
            List.of("cmd"),
            MessageCommands::msg);

    static final NgCmd CONFIG = new NgCmd(
            "config <path> [arguments]",
            "get or set configuration of node at <path>",
            null,
            List.of(),
            MessageCommands::config);

    static final NgCmd STATUS = new NgCmd(
            "status <path>",
            "Get human readable status information from the node at <path>",
            null,
            List.of(),
            MessageCommands::status);

    private MessageCommands() {}

    // ---------------------------------------------------------------- msg

    /**
     * Asks the node to turn the command word and argument text into a binary message (ASCII2BINARY), sends that,
     * and prints the answer if one came: at once after the node applied it, or within {@link Ngctl#REPLY_WAIT} when
     * the command guarantees one (HASREPLY).
     */
    private static CmdResult msg(Ngctl ngctl, List<String> av) {
        if (av.size() < 3) {
            return CmdResult.USAGE;
        }
        String path = av.get(1);
        String args = String.join(" ", av.subList(3, av.size()));
        int token;
        Message binary;
        try {
            binary = toBinary(ngctl, path, av.get(2), args);
            token = ngctl.channel().send(path, binary, "send msg");
        } catch (Failure failure) {
            ngctl.diagnostics().warn(failure);
            return CmdResult.ERROR;
        } finally {
            ngctl.settle();
        }
        Socket.Received reply = ngctl.mailbox().take(token, hasReply(binary) ? Ngctl.REPLY_WAIT : Duration.ZERO);
        if (reply != null) {
            ngctl.printer().printMessage(reply, ngctl.out());
        }
        return CmdResult.OK;
    }

    /** {@code NgSendAsciiMsg}'s first half: an inner message with only the command word and the argument text. */
    private static Message toBinary(Ngctl ngctl, String path, String command, String args) {
        Message ascii = Message.request(0, 0, command, GenericMessages.cString(args));
        Message request = GenericMessages.request(GenericMessages.ASCII2BINARY, ascii.toBytes());
        try {
            return Message.fromBytes(
                    ngctl.channel().request(path, request, "").message().data());
        } catch (Failure failure) {
            throw new Failure("send msg", failure.error(), args);
        } catch (NgException badReply) {
            throw new Failure("send msg", badReply);
        }
    }

    private static boolean hasReply(Message message) {
        return (message.cmd() & Message.HASREPLY) != 0;
    }

    // ---------------------------------------------------------------- config and status

    private static CmdResult config(Ngctl ngctl, List<String> av) {
        if (av.size() < 2) {
            return CmdResult.USAGE;
        }
        String text = String.join(" ", av.subList(2, av.size()));
        byte[] args = text.isEmpty() ? new byte[0] : GenericMessages.cString(text);
        Message request = GenericMessages.request(GenericMessages.TEXT_CONFIG, args);
        return printText(ngctl, av.get(1), request, "Config");
    }

    private static CmdResult status(Ngctl ngctl, List<String> av) {
        if (av.size() != 2) {
            return CmdResult.USAGE;
        }
        return printText(ngctl, av.get(1), GenericMessages.request(GenericMessages.TEXT_STATUS), "Status");
    }

    /**
     * Sends TEXT_CONFIG or TEXT_STATUS and prints the text of the reply; a node that refuses the message with
     * EINVAL, or a message that comes back as a request (sent to the ngctl node itself), has none to show.
     */
    private static CmdResult printText(Ngctl ngctl, String path, Message request, String what) {
        Socket.Received reply;
        try {
            int token = ngctl.channel().send(path, request, "send msg");
            ngctl.settle();
            reply = ngctl.mailbox().take(token, hasReply(request) ? Ngctl.REPLY_WAIT : Duration.ZERO);
        } catch (Failure failure) {
            if (failure.errno() != Errno.EINVAL) {
                ngctl.diagnostics().warn(failure);
                return CmdResult.ERROR;
            }
            reply = null;
        }
        if (reply == null || !reply.message().isResponse()) {
            ngctl.out().println("No " + what.toLowerCase(Locale.ROOT) + " available for \"" + path + "\"");
        } else {
            ngctl.out().println(what + " for \"" + path + "\":");
            ngctl.out().println(GenericMessages.fromCString(reply.message().data()));
        }
        return CmdResult.OK;
    }
}
