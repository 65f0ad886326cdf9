package org.jnetgraph;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A netgraph control message: FreeBSD's {@code struct ng_mesg}, a 56-byte header followed by argument bytes whose
 * layout the command's parse type describes. Binary form is little-endian, as on FreeBSD/amd64.
 *
 * <p>Threading: immutable; any thread. Building one allocates (control path).
 */
public final class Message {
    /** NG_VERSION: the only header version netgraph accepts. */
    public static final int VERSION = 8;
    /** Size of the binary header. */
    public static final int HEADER_SIZE = 56;
    /** NGF_RESP: set in {@link #flags()} of a reply. */
    public static final int FLAG_RESPONSE = 1;
    /** NGM_READONLY: the command does not modify the node and may run beside data. */
    public static final int READONLY = 0x10000000;
    /** NGM_HASREPLY: a reply is guaranteed. */
    public static final int HASREPLY = 0x20000000;
    /** NG_CMDSTRSIZ: the command string buffer, including its NUL. */
    public static final int CMDSTR_SIZE = 32;

    private final int version;
    private final int cmd;
    private final int flags;
    private final int token;
    private final int typecookie;
    private final String cmdstr;
    private final byte[] data;

    private Message(int version, int cmd, int flags, int token, int typecookie, String cmdstr, byte[] data) {
        this.version = version;
        this.cmd = cmd;
        this.flags = flags;
        this.token = token;
        this.typecookie = typecookie;
        this.cmdstr = cmdstr.length() >= CMDSTR_SIZE ? cmdstr.substring(0, CMDSTR_SIZE - 1) : cmdstr;
        this.data = data;
    }

    /** A request with the given cookie, command number, command string and argument bytes (copied). */
    public static Message request(int typecookie, int cmd, String cmdstr, byte[] args) {
        return new Message(VERSION, cmd, 0, 0, typecookie, cmdstr, args.clone());
    }

    /** A request with no arguments. */
    public static Message request(int typecookie, int cmd, String cmdstr) {
        return request(typecookie, cmd, cmdstr, new byte[0]);
    }

    /**
     * The reply to this request: same cookie, command, command string and token, the response flag set, and the
     * given argument bytes (NG_MKRESPONSE).
     */
    public Message reply(byte[] args) {
        return new Message(VERSION, cmd, flags | FLAG_RESPONSE, token, typecookie, cmdstr, args.clone());
    }

    /** This message with another token. */
    public Message withToken(int newToken) {
        return new Message(version, cmd, flags, newToken, typecookie, cmdstr, data);
    }

    /** This message with other argument bytes (copied) and everything else kept. */
    public Message withData(byte[] args) {
        return new Message(version, cmd, flags, token, typecookie, cmdstr, args.clone());
    }

    /** This message with another command string and everything else kept. */
    public Message withCmdstr(String newCmdstr) {
        return new Message(version, cmd, flags, token, typecookie, newCmdstr, data);
    }

    /** This message with another command number and cookie, everything else kept. */
    public Message withCommand(int newCookie, int newCmd) {
        return new Message(version, newCmd, flags, token, newCookie, cmdstr, data);
    }

    /**
     * Reads a binary message (header and arguments) such as BINARY2ASCII carries.
     *
     * @throws NgException EINVAL when the bytes are shorter than the header or than the header's arglen says
     */
    public static Message fromBytes(byte[] bytes) {
        if (bytes.length < HEADER_SIZE) {
            throw new NgException(Errno.EINVAL, "message too short: " + bytes.length + " bytes, header needs 56");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int version = in.get(0) & 0xff;
        long arglen = in.getInt(4) & 0xffffffffL;
        if (arglen > bytes.length - HEADER_SIZE) {
            throw new NgException(
                    Errno.EINVAL,
                    "message arglen " + arglen + " exceeds the " + (bytes.length - HEADER_SIZE) + " bytes given");
        }
        String cmdstr = cString(bytes, 24, CMDSTR_SIZE);
        byte[] args = Arrays.copyOfRange(bytes, HEADER_SIZE, HEADER_SIZE + (int) arglen);
        return new Message(version, in.getInt(8), in.getInt(12), in.getInt(16), in.getInt(20), cmdstr, args);
    }

    /** The binary form: header then arguments. */
    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(HEADER_SIZE + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(0, (byte) version);
        out.putInt(4, data.length);
        out.putInt(8, cmd);
        out.putInt(12, flags);
        out.putInt(16, token);
        out.putInt(20, typecookie);
        byte[] name = cmdstr.getBytes(StandardCharsets.ISO_8859_1);
        out.put(24, name, 0, Math.min(name.length, CMDSTR_SIZE - 1));
        out.put(HEADER_SIZE, data);
        return out.array();
    }

    static String cString(byte[] bytes, int from, int size) {
        int end = from;
        while (end < from + size && end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, from, end - from, StandardCharsets.ISO_8859_1);
    }

    /** The header version (8 for every message built here). */
    public int version() {
        return version;
    }

    /** The command number, including the READONLY and HASREPLY bits. */
    public int cmd() {
        return cmd;
    }

    /** The flags: {@link #FLAG_RESPONSE} marks a reply. */
    public int flags() {
        return flags;
    }

    /** Whether this is a reply. */
    public boolean isResponse() {
        return (flags & FLAG_RESPONSE) != 0;
    }

    /** The token the requester chose; copied into the reply. */
    public int token() {
        return token;
    }

    /** The type cookie naming the message family. */
    public int typecookie() {
        return typecookie;
    }

    /** The command string (informational in binary form). */
    public String cmdstr() {
        return cmdstr;
    }

    /** The number of argument bytes. */
    public int arglen() {
        return data.length;
    }

    /** A copy of the argument bytes. */
    public byte[] data() {
        return data.clone();
    }

    /** A read-only little-endian view of the argument bytes. */
    public ByteBuffer args() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public String toString() {
        return "Message[" + cmdstr + " cookie=" + Integer.toUnsignedString(typecookie) + " cmd="
                + Integer.toUnsignedString(cmd) + " flags=" + flags + " token=" + token + " arglen=" + data.length
                + "]";
    }
}
