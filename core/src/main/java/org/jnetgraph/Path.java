package org.jnetgraph;

import java.util.List;

/**
 * A parsed netgraph address: {@code [NODE ":"] [HOOK {"." HOOK}]}, where NODE is {@code .}, {@code [hex]} or a
 * name. Without a colon the whole text is a relative hook path from the resolving node.
 *
 * <p>Threading: immutable; any thread.
 *
 * @param node the node part: null for a relative path, "." for here, else an ID or a name
 * @param hooks the hook names to follow, in order
 * @param text the original address
 */
record Path(String node, List<String> hooks, String text) {
    /** NG_PATHSIZ - 1: longer addresses are cut, as FreeBSD does. */
    static final int MAX_LENGTH = 511;

    /**
     * Parses an address.
     *
     * @throws NgException EINVAL naming what is wrong with it
     */
    static Path parse(String address) {
        String text = address.length() > MAX_LENGTH ? address.substring(0, MAX_LENGTH) : address;
        int colon = text.indexOf(':');
        if (colon >= 0 && text.indexOf(':', colon + 1) >= 0) {
            throw new NgException(Errno.EINVAL, "bad path \"" + address + "\": more than one ':'");
        }
        String node = colon < 0 ? null : text.substring(0, colon);
        String hookPart = colon < 0 ? text : text.substring(colon + 1);
        if (node != null) {
            checkNodePart(address, node);
        }
        return new Path(node, hookSegments(address, hookPart), address);
    }

    private static void checkNodePart(String address, String node) {
        if (node.isEmpty()) {
            throw new NgException(Errno.EINVAL, "bad path \"" + address + "\": empty node name before ':'");
        }
        if (!node.equals(".") && node.indexOf('.') >= 0) {
            throw new NgException(Errno.EINVAL, "bad path \"" + address + "\": node name contains '.'");
        }
    }

    private static List<String> hookSegments(String address, String hookPart) {
        if (hookPart.contains("..")) {
            throw new NgException(Errno.EINVAL, "bad path \"" + address + "\": empty hook name between dots");
        }
        String trimmed = hookPart;
        if (trimmed.startsWith(".")) {
            trimmed = trimmed.substring(1);
        }
        if (trimmed.endsWith(".")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            return List.of();
        }
        if (trimmed.startsWith(".") || trimmed.endsWith(".")) {
            throw new NgException(Errno.EINVAL, "bad path \"" + address + "\": empty hook name");
        }
        return List.of(trimmed.split("\\.", -1));
    }

    /** Whether the path names the resolving node itself ({@code ""}, {@code .}, {@code .:}). */
    boolean isHere() {
        return (node == null || node.equals(".")) && hooks.isEmpty();
    }
}
