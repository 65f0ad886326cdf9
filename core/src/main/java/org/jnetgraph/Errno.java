package org.jnetgraph;

/**
 * The FreeBSD error numbers that netgraph reports, with the text FreeBSD's {@code strerror} gives for each.
 *
 * <p>Threading: immutable; any thread.
 */
public enum Errno {
    OK(0, "Success"),
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    ESRCH(3, "No such process"),
    EINTR(4, "Interrupted system call"),
    EIO(5, "Input/output error"),
    ENXIO(6, "Device not configured"),
    E2BIG(7, "Argument list too long"),
    EBADF(9, "Bad file descriptor"),
    EDEADLK(11, "Resource deadlock avoided"),
    ENOMEM(12, "Cannot allocate memory"),
    EACCES(13, "Permission denied"),
    EFAULT(14, "Bad address"),
    EBUSY(16, "Device busy"),
    EEXIST(17, "File exists"),
    ENODEV(19, "Operation not supported by device"),
    ENOTDIR(20, "Not a directory"),
    EISDIR(21, "Is a directory"),
    EINVAL(22, "Invalid argument"),
    EFBIG(27, "File too large"),
    ENOSPC(28, "No space left on device"),
    EPIPE(32, "Broken pipe"),
    EDOM(33, "Numerical argument out of domain"),
    ERANGE(34, "Result too large"),
    EAGAIN(35, "Resource temporarily unavailable"),
    EINPROGRESS(36, "Operation now in progress"),
    EALREADY(37, "Operation already in progress"),
    EDESTADDRREQ(39, "Destination address required"),
    EMSGSIZE(40, "Message too long"),
    EPROTOTYPE(41, "Protocol wrong type for socket"),
    EPROTONOSUPPORT(43, "Protocol not supported"),
    EOPNOTSUPP(45, "Operation not supported"),
    EADDRINUSE(48, "Address already in use"),
    EADDRNOTAVAIL(49, "Can't assign requested address"),
    ENETDOWN(50, "Network is down"),
    ENETUNREACH(51, "Network is unreachable"),
    ECONNRESET(54, "Connection reset by peer"),
    ENOBUFS(55, "No buffer space available"),
    EISCONN(56, "Socket is already connected"),
    ENOTCONN(57, "Socket is not connected"),
    ETIMEDOUT(60, "Operation timed out"),
    ECONNREFUSED(61, "Connection refused"),
    ELOOP(62, "Too many levels of symbolic links"),
    ENAMETOOLONG(63, "File name too long"),
    EHOSTUNREACH(65, "No route to host"),
    ENOTEMPTY(66, "Directory not empty"),
    ENOSYS(78, "Function not implemented");

    private static final Errno[] BY_CODE = indexByCode();

    private final int code;
    private final String text;

    Errno(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The FreeBSD errno number. */
    public int code() {
        return code;
    }

    /** The text FreeBSD's {@code strerror} prints for this error. */
    public String strerror() {
        return text;
    }

    /**
     * The error with the given FreeBSD number.
     *
     * @throws IllegalArgumentException when the number is not one this enum knows
     */
    public static Errno of(int code) {
        Errno errno = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (errno == null) {
            throw new IllegalArgumentException("unknown errno " + code);
        }
        return errno;
    }

    private static Errno[] indexByCode() {
        Errno[] table = new Errno[100];
        for (Errno errno : values()) {
            table[errno.code] = errno;
        }
        return table;
    }
}
