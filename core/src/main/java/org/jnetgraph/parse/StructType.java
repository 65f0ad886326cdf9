package org.jnetgraph.parse;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.jnetgraph.Errno;

/**
 * A C struct (FreeBSD's {@code ng_parse_struct_type}): fields in declaration order with natural alignment, zero
 * padding, and the size rounded up to the largest field alignment.
 *
 * <p>ASCII: {@code { name=value ... }} with fields in any order, each at most once; omitted fields take their
 * defaults. Parsing runs in two passes like FreeBSD's: first every field name and the extent of its value are checked
 * (ENOENT, EINVAL, EALREADY), then the values are parsed in declaration order. Unparsing prints only fields that
 * differ from their default: {@code { a=1 b=2 }}, or {@code {}} when none do.
 *
 * <p>Threading: immutable; any thread.
 */
final class StructType extends ParseType {
    private final List<Field> fields;
    private final Map<String, Integer> indexes;
    private final int alignment;

    StructType(List<Field> fields) {
        this.fields = List.copyOf(fields);
        this.indexes = indexByName(this.fields);
        this.alignment =
                this.fields.stream().mapToInt(f -> f.type().alignment()).max().orElse(1);
        for (int i = 0; i < this.fields.size(); i++) {
            checkLength(i);
        }
    }

    private static Map<String, Integer> indexByName(List<Field> fields) {
        Map<String, Integer> indexes = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            if (indexes.put(fields.get(i).name(), i) != null) {
                throw new IllegalArgumentException(
                        "duplicate field name " + fields.get(i).name());
            }
        }
        return Map.copyOf(indexes);
    }

    /** The type as a struct; anything else is a programming error. */
    static StructType require(ParseType type) {
        if (!(type instanceof StructType struct)) {
            throw new IllegalArgumentException(type + " is not a struct type");
        }
        return struct;
    }

    /** The type of the named field; an unknown name is a programming error. */
    ParseType fieldType(String name) {
        int index = indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no field \"" + name + "\" in " + this);
        }
        return fields.get(index).type();
    }

    List<Field> fields() {
        return fields;
    }

    /** The index of the named field, or -1. */
    int indexOf(String name) {
        Integer index = indexes.get(name);
        return index == null ? -1 : index;
    }

    @Override
    public OptionalInt fixedSize() {
        int size = 0;
        for (Field field : fields) {
            OptionalInt fieldSize = field.type().fixedSize();
            if (fieldSize.isEmpty()) {
                return OptionalInt.empty();
            }
            size = align(size, field.type().alignment()) + fieldSize.getAsInt();
        }
        return OptionalInt.of(align(size, alignment));
    }

    private static int align(int offset, int alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }

    @Override
    public int alignment() {
        return alignment;
    }

    @Override
    public String toString() {
        return fields.stream().map(Field::name).collect(Collectors.joining(",", "struct{", "}"));
    }

    @Override
    int minSize() {
        return fields.stream().mapToInt(f -> f.type().minSize()).sum();
    }

    // ---- construction checks ------------------------------------------------------------------------------------

    /** A field's length reference must name an earlier integer field; a rest-of-input array must come last. */
    private void checkLength(int index) {
        LengthFn length = lengthOf(fields.get(index).type());
        if (length instanceof FieldLength ref) {
            checkReference(index, ref);
        }
        if (length != null && Lengths.isRemaining(length) && index != fields.size() - 1) {
            throw new IllegalArgumentException(
                    "rest-of-input field " + fields.get(index).name() + " is not last");
        }
    }

    private void checkReference(int index, FieldLength ref) {
        int target = indexOf(ref.first());
        if (target < 0 || target >= index) {
            throw new IllegalArgumentException("length of field "
                    + fields.get(index).name() + " refers to \"" + ref + "\", which is not an earlier field");
        }
        if (!isIntegerPath(fields.get(target).type(), ref.rest())) {
            throw new IllegalArgumentException("length field \"" + ref + "\" is not an integer field");
        }
    }

    private static boolean isIntegerPath(ParseType type, List<String> rest) {
        if (rest.isEmpty()) {
            return type instanceof IntType;
        }
        if (!(type instanceof StructType struct) || struct.indexOf(rest.get(0)) < 0) {
            return false;
        }
        ParseType next = struct.fields.get(struct.indexOf(rest.get(0))).type();
        return isIntegerPath(next, rest.subList(1, rest.size()));
    }

    /** The length function of an array or byte array type, else null. */
    private static LengthFn lengthOf(ParseType type) {
        return switch (type) {
            case ArrayType array -> array.length();
            case BytesType bytes -> bytes.length();
            default -> null;
        };
    }

    // ---- ASCII to binary ----------------------------------------------------------------------------------------

    @Override
    void parseValue(Lexer lexer, int pos, BinWriter out) {
        Lexer.Token open = lexer.expect(pos, Lexer.Kind.LBRACE, "\"{\"");
        int[] valueAt = scan(lexer, open.end());
        Frame frame = out.enter(this);
        for (int i = 0; i < fields.size(); i++) {
            startField(frame, i, out);
            parseField(lexer, fields.get(i), valueAt[i], open.start(), out);
        }
        out.leave(frame);
        out.pad(alignment);
    }

    private void startField(Frame frame, int index, BinWriter out) {
        out.pad(fields.get(index).type().alignment());
        frame.offsets[index] = out.size();
    }

    private static void parseField(Lexer lexer, Field field, int valuePos, int openPos, BinWriter out) {
        out.textPos = valuePos >= 0 ? valuePos : openPos;
        if (valuePos >= 0) {
            field.type().parseValue(lexer, valuePos, out);
        } else {
            requireDefault(field.type(), "field \"" + field.name() + "\"", out);
        }
    }

    /** The first pass: the text position of each field's value, or -1 for omitted fields. */
    private int[] scan(Lexer lexer, int pos) {
        int[] valueAt = new int[fields.size()];
        Arrays.fill(valueAt, -1);
        int p = pos;
        for (Lexer.Token t = lexer.next(p); t.kind() != Lexer.Kind.RBRACE; t = lexer.next(p)) {
            int index = fieldNamed(lexer, t);
            Lexer.Token equals = lexer.next(t.end());
            if (equals.kind() != Lexer.Kind.EQUALS) {
                throw lexer.fail(
                        Errno.EINVAL,
                        "expected \"=\" after field " + quoted(lexer, t) + " but found "
                                + lexer.describe(equals.start()),
                        equals.start());
            }
            if (valueAt[index] >= 0) {
                throw lexer.fail(Errno.EALREADY, "field " + quoted(lexer, t) + " given twice", t.start());
            }
            valueAt[index] = lexer.skipSpace(equals.end());
            p = lexer.skipValue(valueAt[index]);
        }
        return valueAt;
    }

    private int fieldNamed(Lexer lexer, Lexer.Token t) {
        if (t.kind() != Lexer.Kind.WORD) {
            throw lexer.fail(
                    Errno.EINVAL, "expected a field name or \"}\" but found " + lexer.describe(t.start()), t.start());
        }
        int index = indexOf(lexer.text(t));
        if (index < 0) {
            throw lexer.fail(Errno.ENOENT, "unknown field " + quoted(lexer, t), t.start());
        }
        return index;
    }

    private static String quoted(Lexer lexer, Lexer.Token t) {
        return "\"" + lexer.tokenText(t.start()) + "\"";
    }

    @Override
    boolean writeDefault(BinWriter out) {
        Frame frame = out.enter(this);
        boolean complete = true;
        for (int i = 0; i < fields.size() && complete; i++) {
            startField(frame, i, out);
            complete = fields.get(i).type().writeDefault(out);
        }
        out.leave(frame);
        out.pad(alignment);
        return complete;
    }

    // ---- binary to ASCII and Java -------------------------------------------------------------------------------

    @Override
    void unparseValue(BinReader in, StringBuilder text) {
        Frame frame = in.enter(this);
        text.append('{');
        boolean printed = false;
        for (int i = 0; i < fields.size(); i++) {
            startField(frame, i, in);
            printed |= unparseField(fields.get(i), in, text);
        }
        text.append(printed ? " }" : "}");
        in.leave(frame);
        in.pad(alignment);
    }

    private void startField(Frame frame, int index, BinReader in) {
        in.pad(fields.get(index).type().alignment());
        frame.offsets[index] = in.pos();
    }

    private static boolean unparseField(Field field, BinReader in, StringBuilder text) {
        int defaultSize = field.type().matchDefault(in);
        if (defaultSize >= 0) {
            in.skip(defaultSize);
            return false;
        }
        text.append(' ').append(field.name()).append('=');
        in.path.push(field.name());
        field.type().unparseValue(in, text);
        in.path.pop();
        return true;
    }

    @Override
    Object decodeValue(BinReader in) {
        Frame frame = in.enter(this);
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            startField(frame, i, in);
            in.path.push(fields.get(i).name());
            values.put(fields.get(i).name(), fields.get(i).type().decodeValue(in));
            in.path.pop();
        }
        in.leave(frame);
        in.pad(alignment);
        return Collections.unmodifiableMap(values);
    }

    /** Reads the integer at the dotted {@code path} inside the struct that starts at the cursor. */
    long readPath(BinReader in, List<String> path) {
        Frame frame = in.enter(this);
        int target = indexOf(path.get(0));
        for (int i = 0; i < target; i++) {
            startField(frame, i, in);
            fields.get(i).type().decodeValue(in);
        }
        startField(frame, target, in);
        ParseType type = fields.get(target).type();
        List<String> rest = path.subList(1, path.size());
        return rest.isEmpty() ? ((IntType) type).read(in) : ((StructType) type).readPath(in, rest);
    }

    // ---- Java to binary -----------------------------------------------------------------------------------------

    @Override
    void encodeValue(Object value, BinWriter out) {
        Map<String, Object> values = inferLengths(valuesOf(value, out));
        Frame frame = out.enter(this);
        for (int i = 0; i < fields.size(); i++) {
            startField(frame, i, out);
            out.path.push(fields.get(i).name());
            encodeField(fields.get(i), values.get(fields.get(i).name()), out);
            out.path.pop();
        }
        out.leave(frame);
        out.pad(alignment);
    }

    private static void encodeField(Field field, Object value, BinWriter out) {
        if (value == null) {
            requireDefault(field.type(), "field \"" + field.name() + "\"", out);
        } else {
            field.type().encodeValue(value, out);
        }
    }

    /** The field values of a Map, {@link Struct} or {@link StructValue}; unknown names fail with ENOENT. */
    private Map<String, Object> valuesOf(Object value, BinWriter out) {
        Map<?, ?> raw = mapOf(value);
        if (raw == null) {
            throw wrongValue(out, this, value);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : raw.entrySet()) {
            if (!(entry.getKey() instanceof String name) || indexOf(name) < 0) {
                throw out.fail(Errno.ENOENT, "unknown field \"" + entry.getKey() + "\" for " + this);
            }
            values.put(name, entry.getValue());
        }
        return values;
    }

    private static Map<?, ?> mapOf(Object value) {
        return switch (value) {
            case Map<?, ?> map -> map;
            case StructValue struct -> struct.asMap();
            case Struct struct -> struct.toMap();
            case null, default -> null;
        };
    }

    /** Sets each omitted length field to the number of elements given for its array. */
    private Map<String, Object> inferLengths(Map<String, Object> values) {
        Map<String, Object> result = values;
        for (Field field : fields) {
            int count = countOf(values.get(field.name()));
            if (lengthOf(field.type()) instanceof FieldLength ref && count >= 0) {
                result = putIfAbsent(result, ref.path(), count);
            }
        }
        return result;
    }

    private static int countOf(Object value) {
        return switch (value) {
            case List<?> list -> list.size();
            case byte[] bytes -> bytes.length;
            case null, default -> -1;
        };
    }

    /** {@code values} with the integer at {@code path} set to {@code count} unless present; copies, never mutates. */
    private static Map<String, Object> putIfAbsent(Map<String, Object> values, List<String> path, long count) {
        Object present = values.get(path.get(0));
        Object updated =
                path.size() == 1 ? (present == null ? (Object) count : present) : nestedPut(present, path, count);
        if (updated == present) {
            return values;
        }
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(path.get(0), updated);
        return copy;
    }

    /** The nested struct value with the count put in, or {@code present} itself when nothing changes. */
    @SuppressWarnings("unchecked")
    private static Object nestedPut(Object present, List<String> path, long count) {
        Map<?, ?> nested = present == null ? Map.of() : mapOf(present);
        if (nested == null) {
            return present;
        }
        Map<String, Object> updated = putIfAbsent((Map<String, Object>) nested, path.subList(1, path.size()), count);
        return updated == nested ? present : updated;
    }
}
