package org.jnetgraph.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random Java values of a parse type, biased towards zeros and characters that need escaping. */
final class RandomValues {
    private static final String SPECIAL = "\"\\{}[]= \t\n\r\f\u000b\u0001\u007f\u0080\u00ff";
    private final Random random;

    RandomValues(Random random) {
        this.random = random;
    }

    Object of(ParseType type) {
        return switch (type) {
            case IntType integer -> integer(integer.fixedSize().getAsInt());
            case StringType string -> string(random.nextInt(40), false);
            case FixedStringType fixed ->
                string(random.nextInt(Math.min(fixed.fixedSize().getAsInt(), 60)), false);
            case SizedStringType sized -> string(random.nextInt(40), true);
            case IpAddrType ip -> bytes(4);
            case EnAddrType en -> bytes(6);
            case BytesType blob -> bytes(count(blob.length()));
            case StructType struct -> struct(struct);
            case ArrayType array -> list(array);
        };
    }

    private long integer(int size) {
        if (random.nextInt(10) < 3) {
            return 0;
        }
        long value = random.nextLong();
        return size == 8 ? value : value & ((1L << (8 * size)) - 1);
    }

    private String string(int length, boolean withNul) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(character(withNul));
        }
        return text.toString();
    }

    private char character(boolean withNul) {
        int pick = random.nextInt(10);
        if (pick < 6) {
            return (char) (' ' + random.nextInt(95));
        }
        if (pick < 9) {
            return SPECIAL.charAt(random.nextInt(SPECIAL.length()));
        }
        return withNul && random.nextBoolean() ? '\0' : (char) (1 + random.nextInt(255));
    }

    private byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = random.nextInt(10) < 4 ? 0 : (byte) random.nextInt(256);
        }
        return bytes;
    }

    private int count(LengthFn length) {
        return length instanceof FixedLength fixed ? fixed.count() : random.nextInt(5);
    }

    private Map<String, Object> struct(StructType struct) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field field : struct.fields()) {
            Object value = of(field.type());
            values.put(field.name(), value);
            setLength(values, field.type(), value);
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static void setLength(Map<String, Object> values, ParseType type, Object value) {
        LengthFn length = type instanceof ArrayType a ? a.length() : type instanceof BytesType b ? b.length() : null;
        if (!(length instanceof FieldLength ref)) {
            return;
        }
        long count = value instanceof List<?> list ? list.size() : ((byte[]) value).length;
        Map<String, Object> target = values;
        for (String name : ref.path().subList(0, ref.path().size() - 1)) {
            target = (Map<String, Object>) target.get(name);
        }
        target.put(ref.path().getLast(), count);
    }

    private List<Object> list(ArrayType array) {
        int count = count(array.length());
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(of(array.element()));
        }
        return values;
    }
}
