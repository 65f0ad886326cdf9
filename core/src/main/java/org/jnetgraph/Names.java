package org.jnetgraph;

/**
 * The rules for node, hook and type names, and the test for an {@code [id]} address.
 *
 * <p>Threading: stateless; any thread.
 */
final class Names {
    private Names() {}

    /**
     * Checks a node name as NGM_NAME does (after the same-name shortcut): non-empty, at most 31 characters, no
     * {@code .} or {@code :}, and not shaped like an ID address.
     */
    static void checkNodeName(String name) {
        if (name.isEmpty()) {
            throw new NgException(Errno.EINVAL, "node name is empty");
        }
        if (name.length() > Node.MAX_NAME) {
            throw new NgException(Errno.EINVAL, "node name \"" + name + "\" is longer than 31 characters");
        }
        checkNoSeparators("node name", name);
        if (parseId(name) != 0) {
            throw new NgException(Errno.EINVAL, "node name \"" + name + "\" looks like an ID address");
        }
    }

    /**
     * Checks a hook name: at most 31 characters and, unlike FreeBSD, no {@code .} or {@code :} (such a hook could
     * never be named in a path). The empty name is accepted, as in FreeBSD.
     */
    static void checkHookName(String name) {
        if (name.length() > Node.MAX_HOOK_NAME) {
            throw new NgException(Errno.EINVAL, "hook name \"" + name + "\" is longer than 31 characters");
        }
        checkNoSeparators("hook name", name);
    }

    /** Checks a type name: 1 to 31 characters. */
    static void checkTypeName(String name) {
        if (name.isEmpty() || name.length() > NodeType.MAX_NAME) {
            throw new NgException(Errno.EINVAL, "type name \"" + name + "\" must be 1 to 31 characters");
        }
    }

    /**
     * Checks that text can travel in a message's fixed-size, NUL-terminated, one-byte-per-character buffer: not
     * null, no NUL, nothing beyond ISO-8859-1, at most {@code max} characters.
     */
    static void checkText(String what, String text, int max) {
        if (text == null) {
            throw new NgException(Errno.EINVAL, what + " is missing (null)");
        }
        if (text.length() > max) {
            throw new NgException(Errno.EINVAL, what + " \"" + text + "\" is longer than " + max + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0 || c > 0xFF) {
                throw new NgException(
                        Errno.EINVAL,
                        what + " \"" + text + "\" has a character that cannot be sent"
                                + " (NUL or beyond ISO-8859-1) at position " + i);
            }
        }
    }

    private static void checkNoSeparators(String what, String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 0xFF) {
                throw new NgException(Errno.EINVAL, what + " \"" + name + "\" has a character beyond ISO-8859-1");
            }
            if (c == '.' || c == ':') {
                throw new NgException(Errno.EINVAL, what + " \"" + name + "\" contains '" + c + "'");
            }
            if (c == 0) {
                throw new NgException(Errno.EINVAL, what + " contains a NUL character");
            }
        }
    }

    /**
     * The ID an {@code [hex]} address names, or 0 when the text is not one. As FreeBSD: at least 3 characters,
     * {@code [} first and {@code ]} last, a hex digit second, the inside read like C strtoul base 16 (an optional
     * 0x prefix) consuming everything up to the {@code ]}, and a result that is neither 0 nor all ones.
     */
    static int parseId(String text) {
        int length = text.length();
        if (length < 3 || text.charAt(0) != '[' || text.charAt(length - 1) != ']') {
            return 0;
        }
        if (hexDigit(text.charAt(1)) < 0) {
            return 0;
        }
        String inside = text.substring(1, length - 1);
        if (inside.length() > 2 && inside.charAt(0) == '0' && (inside.charAt(1) == 'x' || inside.charAt(1) == 'X')) {
            inside = inside.substring(2);
        }
        return hexValue(inside);
    }

    /** The value of an ASCII hex digit, or -1 (C's isxdigit knows no other digits). */
    private static int hexDigit(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }

    /**
     * As FreeBSD/amd64: the digits are read as a 64-bit unsigned long (saturating at ULONG_MAX, as strtoul does),
     * 0 and ULONG_MAX are refused, and the result is cut to the 32-bit ng_ID_t.
     */
    private static int hexValue(String digits) {
        if (digits.isEmpty()) {
            return 0;
        }
        long value = 0;
        boolean saturated = false;
        for (int i = 0; i < digits.length(); i++) {
            int digit = hexDigit(digits.charAt(i));
            if (digit < 0) {
                return 0;
            }
            saturated |= Long.compareUnsigned(value, 0x0FFF_FFFF_FFFF_FFFFL) > 0;
            value = value * 16 + digit;
        }
        if (saturated || value == 0 || value == -1L) {
            return 0;
        }
        return (int) value;
    }
}
