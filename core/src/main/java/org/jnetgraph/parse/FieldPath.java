package org.jnetgraph.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * The field names and array indexes leading to the value being read or encoded, for error messages
 * ({@code linkinfo[1].nodeinfo.name}).
 *
 * <p>Threading: confined to the thread running one codec operation.
 */
final class FieldPath {
    private final List<Object> steps = new ArrayList<>();

    /** Enters a struct field (a String) or an array element (an Integer). */
    void push(Object step) {
        steps.add(step);
    }

    void pop() {
        steps.removeLast();
    }

    @Override
    public String toString() {
        if (steps.isEmpty()) {
            return "the top-level value";
        }
        StringBuilder text = new StringBuilder("field ");
        for (Object step : steps) {
            appendStep(text, step);
        }
        return text.toString();
    }

    private static void appendStep(StringBuilder text, Object step) {
        if (step instanceof Integer index) {
            text.append('[').append(index).append(']');
        } else {
            text.append(text.length() > "field ".length() ? "." : "").append(step);
        }
    }
}
