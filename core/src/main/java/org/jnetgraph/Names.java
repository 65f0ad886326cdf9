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

    private static void checkNoSeparators(String what, String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
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
        if (Character.digit(text.charAt(1), 16) < 0) {
            return 0;
        }
        String inside = text.substring(1, length - 1);
        if (inside.length() > 2 && inside.charAt(0) == '0' && (inside.charAt(1) == 'x' || inside.charAt(1) == 'X')) {
            inside = inside.substring(2);
        }
        return hexValue(inside);
    }

    private static int hexValue(String digits) {
        if (digits.isEmpty()) {
            return 0;
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = Character.digit(digits.charAt(i), 16);
            if (digit < 0) {
                return 0;
            }
            value = value * 16 + digit;
            if (value > 0xFFFF_FFFFL) {
                return 0;
            }
        }
        return value == 0xFFFF_FFFFL ? 0 : (int) value;
    }
}
