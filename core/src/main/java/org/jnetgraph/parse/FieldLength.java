package org.jnetgraph.parse;

import java.util.List;

/**
 * A count read from an earlier integer field; {@code path} holds the dotted names.
 *
 * <p>Threading: immutable; any thread.
 */
record FieldLength(List<String> path) implements LengthFn {

    FieldLength {
        if (path.isEmpty() || path.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("bad length field path " + path);
        }
        path = List.copyOf(path);
    }

    String first() {
        return path.get(0);
    }

    List<String> rest() {
        return path.subList(1, path.size());
    }

    @Override
    public String toString() {
        return String.join(".", path);
    }
}
