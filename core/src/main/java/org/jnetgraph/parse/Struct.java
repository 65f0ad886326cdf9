package org.jnetgraph.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An immutable builder of a struct value, to encode message arguments and replies in a line:
 * {@code Struct.of(GenericTypes.NODEINFO).set("name", "foo").set("id", 5).encode()}.
 *
 * <p>Fields not set take their defaults. Values are the Java values {@link ParseType} describes (any {@link Integer},
 * {@link Long}, {@link Short} or {@link Byte} for integers); a nested struct may be given as a {@code Struct},
 * a {@link StructValue} or a map. A variable array's length field that is not set is filled in from the number of
 * elements given.
 *
 * <p>Threading: immutable; any thread. Each {@link #set} returns a new builder.
 */
public final class Struct {
    private final StructType type;
    private final Map<String, Object> values;

    private Struct(StructType type, Map<String, Object> values) {
        this.type = type;
        this.values = values;
    }

    /**
     * An empty value of the given struct type (every field at its default). Threading: any thread.
     *
     * @throws IllegalArgumentException if the type is not a struct
     */
    public static Struct of(ParseType type) {
        return new Struct(StructType.require(type), Map.of());
    }

    /**
     * This value with one field set; a null value returns the field to its default. Threading: any thread.
     *
     * @throws IllegalArgumentException if the struct has no such field
     */
    public Struct set(String name, Object value) {
        type.fieldType(name);
        Map<String, Object> copy = new LinkedHashMap<>(values);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return new Struct(type, Collections.unmodifiableMap(copy));
    }

    /** The value set for a field, or null when it is left at its default. Threading: any thread. */
    public Object get(String name) {
        type.fieldType(name);
        return values.get(name);
    }

    /** The struct type. Threading: any thread. */
    public ParseType type() {
        return type;
    }

    /** The fields set so far, in the order first set; unmodifiable. Threading: any thread. */
    public Map<String, Object> toMap() {
        return values;
    }

    /**
     * The binary form. Threading: stateless; any thread.
     *
     * @throws ParseException as {@link ParseType#encode(Object)} does
     */
    public byte[] encode() {
        return type.encode(values);
    }

    /** The ASCII form, as FreeBSD's unparser prints the encoded value. Threading: stateless; any thread. */
    public String unparse() {
        return type.unparse(encode());
    }

    /** The encoded value read back, with every field present. Threading: stateless; any thread. */
    public StructValue toValue() {
        return StructValue.decode(type, encode());
    }

    /** The ASCII form. Threading: any thread. */
    @Override
    public String toString() {
        return unparse();
    }
}
