package org.jnetgraph.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import org.jnetgraph.Errno;

/**
 * A fixed or variable-length array (FreeBSD's {@code ng_parse_fixedarray_type} and {@code ng_parse_array_type}).
 *
 * <p>ASCII: {@code [ 1 2 5=7 ]}; an element without an index takes the previous index plus one, an explicit index
 * must be a whole C number before {@code =}. Unparsing omits elements equal to their default and writes
 * {@code index=} before an element that does not follow the previously printed one. For a
 * {@link LengthFn#remaining()} array the last element is always printed so that the text keeps the length, and
 * trailing input shorter than one element (the enclosing struct's tail padding) is ignored.
 *
 * <p>Threading: immutable; any thread.
 */
final class ArrayType extends ParseType {
    private final ParseType element;
    private final LengthFn length;

    ArrayType(ParseType element, LengthFn length) {
        if (Lengths.isRemaining(length) && element.minSize() == 0) {
            throw new IllegalArgumentException("a rest-of-input array needs elements of at least one byte: " + element);
        }
        this.element = element;
        this.length = length;
    }

    ParseType element() {
        return element;
    }

    LengthFn length() {
        return length;
    }

    @Override
    public OptionalInt fixedSize() {
        OptionalInt elementSize = element.fixedSize();
        if (!(length instanceof FixedLength fixed) || elementSize.isEmpty()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(fixed.count() * elementSize.getAsInt());
    }

    @Override
    public int alignment() {
        return element.alignment();
    }

    @Override
    public String toString() {
        return element + "[" + length + "]";
    }

    @Override
    int minSize() {
        return length instanceof FixedLength fixed ? fixed.count() * element.minSize() : 0;
    }

    @Override
    void parseValue(Lexer lexer, int pos, BinWriter out) {
        int count = Lengths.forWriter(length, element, out);
        Lexer.Token open = lexer.expect(pos, Lexer.Kind.LBRACKET, "\"[\"");
        Slots slots = scan(lexer, open.end(), count, out);
        for (int i = 0; i < slots.size(); i++) {
            out.pad(element.alignment());
            parseElement(lexer, i, slots.at(i), open.start(), out);
        }
        out.pad(alignment());
    }

    private void parseElement(Lexer lexer, int index, int valuePos, int openPos, BinWriter out) {
        out.textPos = valuePos >= 0 ? valuePos : openPos;
        if (valuePos >= 0) {
            element.parseValue(lexer, valuePos, out);
        } else {
            requireDefault(element, "array element " + index, out);
        }
    }

    /** The first pass: where each element's value starts in the text, checking indexes as FreeBSD does. */
    private static Slots scan(Lexer lexer, int pos, int count, BinWriter out) {
        long limit = count >= 0 ? count : Math.min(out.max, MAX_ENCODED);
        Slots slots = new Slots(Math.max(count, 0));
        long next = 0;
        int p = pos;
        for (Lexer.Token t = lexer.next(p); t.kind() != Lexer.Kind.RBRACKET; t = lexer.next(p)) {
            Entry entry = entry(lexer, t, next);
            if (entry.index() >= limit) {
                throw lexer.fail(
                        Errno.E2BIG,
                        "array index " + entry.index() + " is beyond " + limitText(count, limit),
                        t.start());
            }
            if (slots.isSet(entry.index())) {
                throw lexer.fail(Errno.EALREADY, "array index " + entry.index() + " given twice", t.start());
            }
            slots.set((int) entry.index(), entry.value());
            next = entry.index() + 1;
            p = lexer.skipValue(entry.value());
        }
        return slots;
    }

    private static String limitText(int count, long limit) {
        return count >= 0 ? "the array length " + count : "the output limit of " + limit + " elements";
    }

    /** One element of the text: its index and where its value starts. */
    private record Entry(long index, int value) {}

    private static Entry entry(Lexer lexer, Lexer.Token t, long next) {
        return switch (t.kind()) {
            case LBRACE, LBRACKET, STRING -> new Entry(next, t.start());
            case WORD -> wordEntry(lexer, t, next);
            default ->
                throw lexer.fail(
                        Errno.EINVAL,
                        "expected an array element or \"]\" but found " + lexer.describe(t.start()),
                        t.start());
        };
    }

    private static Entry wordEntry(Lexer lexer, Lexer.Token t, long next) {
        Lexer.Token equals = lexer.next(t.end());
        if (equals.kind() != Lexer.Kind.EQUALS) {
            return new Entry(next, t.start());
        }
        CNum.Result index = CNum.strtol(lexer, t.start(), 0, true);
        if (index.end() != t.end()) {
            throw lexer.fail(Errno.EINVAL, "array index " + lexer.describe(t.start()) + " is not a number", t.start());
        }
        return new Entry(index.value() & 0xffffffffL, lexer.skipSpace(equals.end()));
    }

    @Override
    boolean writeDefault(BinWriter out) {
        int count = Lengths.forWriter(length, element, out);
        out.claimsRest |= count < 0;
        for (int i = 0; i < count; i++) {
            out.pad(element.alignment());
            if (!element.writeDefault(out)) {
                return false;
            }
        }
        out.pad(alignment());
        return true;
    }

    @Override
    void unparseValue(BinReader in, StringBuilder text) {
        int count = Lengths.forReader(length, element, in);
        text.append('[');
        int next = 0;
        for (int i = 0; count < 0 ? hasElement(in, 0) : i < count; i++) {
            in.pad(element.alignment());
            if (skipDefault(in, count < 0)) {
                continue;
            }
            text.append(' ').append(i == next ? "" : i + "=");
            next = i + 1;
            in.path.push(i);
            element.unparseValue(in, text);
            in.path.pop();
        }
        text.append(next > 0 ? " ]" : "]");
        in.pad(alignment());
    }

    /** Skips an element equal to its default, except the last one of a rest-of-input array. */
    private boolean skipDefault(BinReader in, boolean toEnd) {
        int size = element.matchDefault(in);
        if (size < 0 || (toEnd && !hasElement(in, size))) {
            return false;
        }
        in.skip(size);
        return true;
    }

    /**
     * Whether a rest-of-input array has another element after skipping {@code n} bytes. Fewer bytes than an element
     * are ignored: they are the enclosing struct's tail padding.
     */
    private boolean hasElement(BinReader in, int n) {
        int size = element.fixedSize().orElse(element.minSize());
        return in.hasElementAfter(n, element.alignment(), size);
    }

    @Override
    Object decodeValue(BinReader in) {
        int count = Lengths.forReader(length, element, in);
        List<Object> values = new ArrayList<>();
        for (int i = 0; count < 0 ? hasElement(in, 0) : i < count; i++) {
            in.pad(element.alignment());
            in.path.push(i);
            values.add(element.decodeValue(in));
            in.path.pop();
        }
        in.pad(alignment());
        return Collections.unmodifiableList(values);
    }

    @Override
    void encodeValue(Object value, BinWriter out) {
        if (!(value instanceof List<?> list)) {
            throw wrongValue(out, this, value);
        }
        int count = Lengths.isRemaining(length) ? list.size() : Lengths.forWriter(length, element, out);
        if (list.size() > count) {
            throw out.fail(Errno.E2BIG, list.size() + " elements given for an array of " + count);
        }
        for (int i = 0; i < count; i++) {
            out.pad(element.alignment());
            out.path.push(i);
            encodeElement(i < list.size() ? list.get(i) : null, i, out);
            out.path.pop();
        }
        out.pad(alignment());
    }

    private void encodeElement(Object value, int index, BinWriter out) {
        if (value == null) {
            requireDefault(element, "array element " + index, out);
        } else {
            element.encodeValue(value, out);
        }
    }

    /** Text positions of element values by index; -1 marks an element left to its default. */
    private static final class Slots {
        private int[] positions;
        private int size;

        Slots(int count) {
            positions = new int[Math.max(count, 8)];
            Arrays.fill(positions, -1);
            size = count;
        }

        int size() {
            return size;
        }

        int at(int index) {
            return positions[index];
        }

        boolean isSet(long index) {
            return index < size && positions[(int) index] >= 0;
        }

        void set(int index, int position) {
            if (index >= positions.length) {
                int old = positions.length;
                positions = Arrays.copyOf(positions, Math.max(index + 1, 2 * old));
                Arrays.fill(positions, old, positions.length, -1);
            }
            positions[index] = position;
            size = Math.max(size, index + 1);
        }
    }
}
