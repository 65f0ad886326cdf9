package org.jnetgraph.parse;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.jnetgraph.Errno;

/**
 * A descriptor of a C binary layout and its ASCII form: FreeBSD's {@code struct ng_parse_type}.
 *
 * <p>A type converts between three forms of the same value:
 *
 * <ul>
 *   <li>binary: the C struct as FreeBSD amd64 lays it out (little-endian, natural alignment, zero padding, structs
 *       rounded up to their alignment);
 *   <li>ASCII: the text of {@code ngctl msg}, byte-for-byte as FreeBSD's {@code ng_parse}/{@code ng_unparse} read and
 *       write it ({@code { name="foo" id=0x5 }}, {@code [ 2=0x5 ]}, default values omitted);
 *   <li>Java: integers as {@link Long} (unsigned 64-bit values as their bit pattern), strings as {@link String} with
 *       one char per byte (ISO-8859-1), byte arrays and {@link #ENADDR} as {@code byte[]}, {@link #IPADDR} as {@link
 *       java.net.Inet4Address} (a {@code byte[4]} is also accepted when encoding), structs as insertion-ordered {@code
 *       Map<String, Object>} and arrays as {@code List<Object>}. See {@link Struct} and {@link StructValue} for typed
 *       helpers.
 * </ul>
 *
 * <p>Failures throw {@link ParseException} carrying the errno FreeBSD returns for the same input.
 *
 * <p>Threading: every type is immutable and every operation stateless; any thread, concurrently.
 */
public abstract sealed class ParseType
        permits IntType,
                StringType,
                FixedStringType,
                SizedStringType,
                IpAddrType,
                EnAddrType,
                BytesType,
                StructType,
                ArrayType {

    /** The largest binary {@link #parse(String)} produces: FreeBSD's 20 KB ASCII2BINARY buffer. */
    public static final int DEFAULT_MAX_BINARY = 20 * 1024;

    /** Signed 8-bit integer; ASCII {@code %d}. */
    public static final ParseType INT8 = new IntType("int8", 1, IntType.Format.SIGNED);
    /** Unsigned 8-bit integer; ASCII {@code %u}. */
    public static final ParseType UINT8 = new IntType("uint8", 1, IntType.Format.UNSIGNED);
    /** 8-bit integer shown in hex; ASCII {@code 0x%x}. */
    public static final ParseType HINT8 = new IntType("hint8", 1, IntType.Format.HEX);
    /** Signed 16-bit integer. */
    public static final ParseType INT16 = new IntType("int16", 2, IntType.Format.SIGNED);
    /** Unsigned 16-bit integer. */
    public static final ParseType UINT16 = new IntType("uint16", 2, IntType.Format.UNSIGNED);
    /** 16-bit integer shown in hex. */
    public static final ParseType HINT16 = new IntType("hint16", 2, IntType.Format.HEX);
    /** Signed 32-bit integer. */
    public static final ParseType INT32 = new IntType("int32", 4, IntType.Format.SIGNED);
    /** Unsigned 32-bit integer. */
    public static final ParseType UINT32 = new IntType("uint32", 4, IntType.Format.UNSIGNED);
    /** 32-bit integer shown in hex. */
    public static final ParseType HINT32 = new IntType("hint32", 4, IntType.Format.HEX);
    /** Signed 64-bit integer. */
    public static final ParseType INT64 = new IntType("int64", 8, IntType.Format.SIGNED);
    /** Unsigned 64-bit integer. */
    public static final ParseType UINT64 = new IntType("uint64", 8, IntType.Format.UNSIGNED);
    /** 64-bit integer shown in hex. */
    public static final ParseType HINT64 = new IntType("hint64", 8, IntType.Format.HEX);

    /** A node name buffer, {@code char[NG_NODESIZ]} (32). */
    public static final ParseType NODEBUF = fixedString(32);
    /** A hook name buffer, {@code char[NG_HOOKSIZ]} (32). */
    public static final ParseType HOOKBUF = fixedString(32);
    /** A type name buffer, {@code char[NG_TYPESIZ]} (32). */
    public static final ParseType TYPEBUF = fixedString(32);
    /** A command name buffer, {@code char[NG_CMDSTRSIZ]} (32). */
    public static final ParseType CMDBUF = fixedString(32);
    /** A path buffer, {@code char[NG_PATHSIZ]} (512). */
    public static final ParseType PATHBUF = fixedString(512);

    /** A NUL-terminated string of any length, such as a text status reply. */
    public static final ParseType STRING = new StringType();
    /** A string stored as a 16-bit length and that many bytes, without NUL. */
    public static final ParseType SIZED_STRING = new SizedStringType();
    /** An IPv4 address, 4 bytes in network order; ASCII {@code 1.2.3.4}. */
    public static final ParseType IPADDR = new IpAddrType();
    /** An Ethernet address, 6 bytes; ASCII {@code 00:11:22:33:44:55}. It has no default and must always be given. */
    public static final ParseType ENADDR = new EnAddrType();

    /** {@code struct ng_mesg}: the 56-byte message header followed by {@code arglen} bytes of data. */
    public static final ParseType NG_MESG = struct(
            Field.of("version", UINT8),
            Field.of("spare", UINT8),
            Field.of("spare2", UINT16),
            Field.of("arglen", UINT32),
            Field.of("cmd", UINT32),
            Field.of("flags", HINT32),
            Field.of("token", UINT32),
            Field.of("typecookie", UINT32),
            Field.of("cmdstr", CMDBUF),
            Field.of("data", bytes(LengthFn.field("arglen"))));

    /** FreeBSD's unparser compares values with their defaults in a 20 KB buffer that also holds a message header. */
    static final int DEFAULT_WORKSPACE = 20 * 1024 - 56;

    /** The largest binary {@link #encode(Object)} produces. */
    static final int MAX_ENCODED = 1 << 24;

    ParseType() {}

    /** A NUL-terminated string in a zero-filled buffer of {@code bufSize} bytes. Threading: any thread. */
    public static ParseType fixedString(int bufSize) {
        return new FixedStringType(bufSize);
    }

    /** A byte array of exactly {@code n} bytes. Threading: any thread. */
    public static ParseType bytes(int n) {
        return new BytesType(new FixedLength(n));
    }

    /** A byte array whose length comes from {@code length}. Threading: any thread. */
    public static ParseType bytes(LengthFn length) {
        return new BytesType(Objects.requireNonNull(length, "length"));
    }

    /**
     * A struct of the given fields, laid out in order with natural alignment.
     *
     * <p>Threading: any thread.
     *
     * @throws IllegalArgumentException on duplicate names, on a length field that is not an earlier integer field, or
     *     on a {@link LengthFn#remaining()} array that is not the last field
     */
    public static ParseType struct(Field... fields) {
        return new StructType(List.of(fields));
    }

    /** An array of exactly {@code n} elements. Threading: any thread. */
    public static ParseType fixedArray(ParseType element, int n) {
        return new ArrayType(element, new FixedLength(n));
    }

    /** An array whose element count comes from {@code length}. Threading: any thread. */
    public static ParseType array(ParseType element, LengthFn length) {
        return new ArrayType(element, Objects.requireNonNull(length, "length"));
    }

    /**
     * Converts ASCII to binary as FreeBSD's {@code ng_parse} does, into at most {@link #DEFAULT_MAX_BINARY} bytes.
     * Text after the value is ignored. Threading: stateless; any thread.
     *
     * @throws ParseException with FreeBSD's errno, the position and the offending token
     */
    public final byte[] parse(String text) {
        return parse(text, DEFAULT_MAX_BINARY);
    }

    /**
     * Converts ASCII to binary into at most {@code maxLength} bytes (longer output fails with ERANGE). Threading:
     * stateless; any thread.
     *
     * @throws ParseException with FreeBSD's errno, the position and the offending token
     */
    public final byte[] parse(String text, int maxLength) {
        Lexer lexer = new Lexer(text);
        BinWriter out = BinWriter.forText(lexer, maxLength);
        out.textPos = lexer.skipSpace(0);
        parseValue(lexer, 0, out);
        return out.toByteArray();
    }

    /**
     * Converts binary to ASCII exactly as FreeBSD's {@code ng_unparse} does. Bytes after the value are ignored.
     * Threading: stateless; any thread.
     *
     * @throws ParseException EINVAL when the binary is too short, naming the field
     */
    public final String unparse(byte[] binary) {
        StringBuilder text = new StringBuilder();
        unparseValue(new BinReader(binary), text);
        return text.toString();
    }

    /**
     * Converts binary to its Java value (see the class comment). Bytes after the value are ignored. Threading:
     * stateless; any thread.
     *
     * @throws ParseException EINVAL when the binary is too short, naming the field
     */
    public final Object decode(byte[] binary) {
        return decodeValue(new BinReader(binary));
    }

    /**
     * Converts a Java value (see the class comment) to binary. A struct map may leave out fields, which take their
     * defaults; a variable array's length field, when left out, is set to the number of elements given. Threading:
     * stateless; any thread.
     *
     * @throws ParseException ENOENT for an unknown field, EINVAL for a value of the wrong kind or range, E2BIG for too
     *     many elements or too long a string, EOPNOTSUPP for an omitted value without default
     */
    public final byte[] encode(Object value) {
        BinWriter out = BinWriter.forValue(MAX_ENCODED);
        encodeValue(value, out);
        return out.toByteArray();
    }

    /** The binary size of {@code value}, as {@link #encode(Object)} would produce it. Threading: any thread. */
    public final int sizeOf(Object value) {
        return encode(value).length;
    }

    /** The binary size when it does not depend on the value. Threading: immutable; any thread. */
    public abstract OptionalInt fixedSize();

    /** The C alignment of the binary form (1 where FreeBSD reports none). Threading: immutable; any thread. */
    public abstract int alignment();

    /** A short description such as {@code uint32} or {@code struct{name,id}}. Threading: immutable; any thread. */
    @Override
    public abstract String toString();

    /** Parses the value starting at {@code pos} (whitespace allowed before it) and appends its binary. */
    abstract void parseValue(Lexer lexer, int pos, BinWriter out);

    /** Appends the default binary; false when the type has none (FreeBSD's EOPNOTSUPP). */
    abstract boolean writeDefault(BinWriter out);

    /** Reads one value at the cursor and appends its ASCII form. */
    abstract void unparseValue(BinReader in, StringBuilder text);

    /** Reads one value at the cursor as a Java value. */
    abstract Object decodeValue(BinReader in);

    /** Appends the binary of a Java value. */
    abstract void encodeValue(Object value, BinWriter out);

    /** A lower bound of the binary size, used to refuse impossible element counts before looping over them. */
    abstract int minSize();

    /**
     * If the value at the cursor equals this type's default, its length; else -1. Like FreeBSD, nothing counts as
     * default once the default no longer fits in the unparser's work buffer, so such values are always printed.
     */
    int matchDefault(BinReader in) {
        int budget = DEFAULT_WORKSPACE - in.pos();
        if (budget <= 0) {
            return -1;
        }
        BinWriter scratch = BinWriter.forDefault(budget, in.frame);
        return defaultFits(scratch) && in.matches(scratch) ? scratch.size() : -1;
    }

    /** {@link #matchDefault} for types whose default is {@code n} zero bytes. */
    static int matchZeros(BinReader in, int n) {
        return n <= DEFAULT_WORKSPACE - in.pos() && in.zerosAhead(n) ? n : -1;
    }

    private boolean defaultFits(BinWriter scratch) {
        try {
            return writeDefault(scratch);
        } catch (ParseException e) {
            // The work buffer overflowed: FreeBSD treats that as "not a default" and prints the value.
            if (e.errno() != Errno.ERANGE) {
                throw e;
            }
            return false;
        }
    }

    /** Writes the default or fails with EOPNOTSUPP, naming what was omitted. */
    static void requireDefault(ParseType type, String omitted, BinWriter out) {
        if (!type.writeDefault(out)) {
            throw out.fail(Errno.EOPNOTSUPP, omitted + " was omitted but its type " + type + " has no default");
        }
    }

    /** A Java value of the wrong kind. */
    static ParseException wrongValue(BinWriter out, ParseType type, Object value) {
        String kind = value == null ? "null" : value.getClass().getSimpleName();
        return out.fail(Errno.EINVAL, "a " + kind + " is not a value of type " + type);
    }
}
