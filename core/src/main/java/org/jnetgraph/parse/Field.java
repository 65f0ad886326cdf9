package org.jnetgraph.parse;

import java.util.Objects;

/**
 * One named field of a struct type, as in FreeBSD's {@code struct ng_parse_struct_field}.
 *
 * <p>Threading: immutable; any thread.
 *
 * @param name the ASCII field name; it must be a single word of the ASCII form (no whitespace, no {@code { } [ ] = "})
 * @param type the field's layout
 */
public record Field(String name, ParseType type) {

    /** Checks that the name can appear in the ASCII form. */
    public Field {
        Objects.requireNonNull(type, "type");
        if (!Lexer.isWord(name)) {
            throw new IllegalArgumentException("field name must be one word: \"" + name + "\"");
        }
    }

    /** A field with the given name and type. Threading: stateless; any thread. */
    public static Field of(String name, ParseType type) {
        return new Field(name, type);
    }
}
