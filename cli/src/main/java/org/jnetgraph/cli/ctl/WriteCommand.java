package org.jnetgraph.cli.ctl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jnetgraph.Errno;

/**
 * {@code write hook < -f file | byte ... >}: sends one data packet out of the ngctl node's hook, made of bytes
 * given as C integers ({@code 10}, {@code 0x0a}, {@code 012}, each -128..255) or read from a file; at most 8192
 * bytes, further ones silently ignored.
 *
 * <p>Threading: runs on the interpreter's thread with the session lock held.
 */
final class WriteCommand {
    static final NgCmd WRITE = new NgCmd(
            "write hook < -f file | byte ... >",
            "Send a data packet down the hook named by \"hook\".",
            "The data may be contained in a file, or may be described directly on the command line by supplying a"
                    + " sequence of bytes.",
            List.of("w"),
            WriteCommand::write);

    /** ngctl's buffer size: the largest packet it sends. */
    static final int MAX_PACKET = 8192;

    private WriteCommand() {}

    private static CmdResult write(Ngctl ngctl, List<String> av) {
        if (av.size() < 3) {
            return CmdResult.USAGE;
        }
        if (av.get(2).equals("-f")) {
            return av.size() == 4 ? writeFile(ngctl, av.get(1), av.get(3)) : CmdResult.USAGE;
        }
        byte[] data = new byte[Math.min(av.size() - 2, MAX_PACKET)];
        for (int i = 0; i < data.length; i++) {
            Long value = CInt.scan(av.get(i + 2));
            if (value == null || (int) (long) value < -128 || (int) (long) value > 255) {
                ngctl.diagnostics().warnx("invalid byte \"" + av.get(i + 2) + "\"");
                return CmdResult.ERROR;
            }
            data[i] = (byte) (long) value;
        }
        return send(ngctl, av.get(1), data);
    }

    private static CmdResult writeFile(Ngctl ngctl, String hook, String file) {
        byte[] data;
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            data = in.readNBytes(MAX_PACKET);
        } catch (IOException e) {
            ngctl.diagnostics().warn("can't read file \"" + file + "\"", e);
            return CmdResult.ERROR;
        }
        if (data.length == 0) {
            ngctl.diagnostics().warnx("file \"" + file + "\" is empty");
            return CmdResult.ERROR;
        }
        return send(ngctl, hook, data);
    }

    /** {@code sendto} on the data socket: a hook name must fit NG_HOOKSIZ; an unknown hook is EHOSTUNREACH. */
    private static CmdResult send(Ngctl ngctl, String hook, byte[] data) {
        Errno result = hook.length() >= GenericMessages.NAME_SIZE
                ? Errno.EINVAL
                : ngctl.socket().sendData(hook, Arrays.copyOf(data, data.length));
        if (result != Errno.OK) {
            ngctl.diagnostics().warn("writing to hook \"" + hook + "\"", result);
            return CmdResult.ERROR;
        }
        return CmdResult.OK;
    }
}
