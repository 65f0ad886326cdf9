package org.jnetgraph.parse;

import java.util.List;
import java.util.Map;

/**
 * A decoded struct with typed getters, to read message arguments and replies:
 * {@code StructValue.decode(GenericTypes.NODEINFO, reply).getString("name")}.
 *
 * <p>Every field is present. Names may be dotted paths through nested structs ({@code "nodeinfo.hooks"}). Integers
 * are {@link Long} (unsigned 64-bit values as their bit pattern), strings {@link String}, byte arrays and Ethernet
 * addresses {@code byte[]}, IP addresses {@link java.net.Inet4Address}, nested structs maps and arrays lists; the
 * typed getters convert nested structs to {@code StructValue}.
 *
 * <p>Threading: immutable; any thread. Byte arrays are returned as copies.
 */
public final class StructValue {
    private final StructType type;
    private final Map<String, Object> values;

    private StructValue(StructType type, Map<String, Object> values) {
        this.type = type;
        this.values = values;
    }

    /**
     * Decodes binary of the given struct type. Threading: stateless; any thread.
     *
     * @throws IllegalArgumentException if the type is not a struct
     * @throws ParseException EINVAL when the binary is too short
     */
    @SuppressWarnings("unchecked")
    public static StructValue decode(ParseType type, byte[] binary) {
        StructType struct = StructType.require(type);
        return new StructValue(struct, (Map<String, Object>) struct.decode(binary));
    }

    /**
     * Parses ASCII of the given struct type. Threading: stateless; any thread.
     *
     * @throws IllegalArgumentException if the type is not a struct
     * @throws ParseException as {@link ParseType#parse(String)} does
     */
    public static StructValue parse(ParseType type, String text) {
        return decode(type, type.parse(text));
    }

    /** The struct type. Threading: any thread. */
    public ParseType type() {
        return type;
    }

    /** All fields in declaration order; unmodifiable. Threading: any thread. */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * The raw Java value of a field. Threading: any thread.
     *
     * @throws IllegalArgumentException if there is no such field
     */
    public Object get(String path) {
        typeAt(path);
        Object value = values;
        for (String name : path.split("\\.", -1)) {
            value = ((Map<?, ?>) value).get(name);
        }
        return value;
    }

    /** An integer field. Threading: any thread. */
    public long getLong(String path) {
        return as(path, Long.class);
    }

    /**
     * An integer field that fits in an int. Threading: any thread.
     *
     * @throws ArithmeticException if the value does not fit
     */
    public int getInt(String path) {
        return Math.toIntExact(getLong(path));
    }

    /** A string field. Threading: any thread. */
    public String getString(String path) {
        return as(path, String.class);
    }

    /** A byte array or Ethernet address field, copied. Threading: any thread. */
    public byte[] getBytes(String path) {
        return as(path, byte[].class).clone();
    }

    /** A nested struct field. Threading: any thread. */
    @SuppressWarnings("unchecked")
    public StructValue getStruct(String path) {
        return new StructValue(StructType.require(typeAt(path)), as(path, Map.class));
    }

    /** An array field as raw Java values; unmodifiable. Threading: any thread. */
    @SuppressWarnings("unchecked")
    public List<Object> getList(String path) {
        return as(path, List.class);
    }

    /** An array-of-structs field. Threading: any thread. */
    @SuppressWarnings("unchecked")
    public List<StructValue> getStructList(String path) {
        if (!(typeAt(path) instanceof ArrayType array) || !(array.element() instanceof StructType element)) {
            throw new IllegalArgumentException("field " + path + " is not an array of structs");
        }
        return getList(path).stream()
                .map(map -> new StructValue(element, (Map<String, Object>) map))
                .toList();
    }

    /** The binary form. Threading: stateless; any thread. */
    public byte[] encode() {
        return type.encode(values);
    }

    /** The ASCII form, as FreeBSD's unparser prints it. Threading: stateless; any thread. */
    public String unparse() {
        return type.unparse(encode());
    }

    /** A builder holding these values, to change some of them. Threading: any thread. */
    public Struct toStruct() {
        Struct struct = Struct.of(type);
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            struct = struct.set(entry.getKey(), entry.getValue());
        }
        return struct;
    }

    /** The ASCII form. Threading: any thread. */
    @Override
    public String toString() {
        return unparse();
    }

    private <T> T as(String path, Class<T> kind) {
        Object value = get(path);
        if (!kind.isInstance(value)) {
            throw new IllegalArgumentException(
                    "field " + path + " of type " + typeAt(path) + " is not a " + kind.getSimpleName());
        }
        return kind.cast(value);
    }

    private ParseType typeAt(String path) {
        ParseType current = type;
        for (String name : path.split("\\.", -1)) {
            current = StructType.require(current).fieldType(name);
        }
        return current;
    }
}
