package org.jnetgraph.cli.ctl;

import java.io.PrintStream;
import org.jnetgraph.Message;
import org.jnetgraph.Socket;

/**
 * Prints what arrives at the ngctl node as ngctl does: a control message after asking the node it came from to
 * render it in ASCII ({@code MsgRead}), a data packet as a hex dump.
 *
 * <p>Threading: callers hold the session lock.
 */
final class MessagePrinter {
    private final ControlChannel channel;

    MessagePrinter(ControlChannel channel) {
        this.channel = channel;
    }

    /** {@code MsgRead}: the message in ASCII, or its bytes when the sender cannot render it. */
    void printMessage(Socket.Received received, PrintStream out) {
        Message message = received.message();
        Message ascii;
        try {
            ascii = channel.binaryToAscii(received.source(), message);
        } catch (Failure failure) {
            printRaw(received, out);
            return;
        }
        out.println("Rec'd " + kind(ascii) + " \"" + ascii.cmdstr() + "\" (" + ascii.cmd() + ") from \""
                + received.source() + "\":");
        String args = GenericMessages.fromCString(ascii.data());
        out.println(args.isEmpty() ? "No arguments" : "Args:\t" + args);
    }

    /** A data packet that arrived on the ngctl node's hook {@code hook}. */
    static void printData(String hook, byte[] data, PrintStream out) {
        out.println("Rec'd data packet on hook \"" + hook + "\":");
        HexDump.dump(data, out);
    }

    private static void printRaw(Socket.Received received, PrintStream out) {
        Message message = received.message();
        out.println("Rec'd " + kind(message) + " " + message.cmd() + " from \"" + received.source() + "\":");
        if (message.arglen() == 0) {
            out.println("No arguments");
        } else {
            HexDump.dump(message.data(), out);
        }
    }

    private static String kind(Message message) {
        return message.isResponse() ? "response" : "command";
    }
}
