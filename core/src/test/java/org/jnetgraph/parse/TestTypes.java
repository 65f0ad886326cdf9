package org.jnetgraph.parse;

import static org.jnetgraph.parse.ParseType.ENADDR;
import static org.jnetgraph.parse.ParseType.HINT16;
import static org.jnetgraph.parse.ParseType.INT16;
import static org.jnetgraph.parse.ParseType.INT8;
import static org.jnetgraph.parse.ParseType.IPADDR;
import static org.jnetgraph.parse.ParseType.NODEBUF;
import static org.jnetgraph.parse.ParseType.SIZED_STRING;
import static org.jnetgraph.parse.ParseType.STRING;
import static org.jnetgraph.parse.ParseType.UINT16;
import static org.jnetgraph.parse.ParseType.UINT32;
import static org.jnetgraph.parse.ParseType.UINT64;
import static org.jnetgraph.parse.ParseType.UINT8;
import static org.jnetgraph.parse.ParseType.array;
import static org.jnetgraph.parse.ParseType.bytes;
import static org.jnetgraph.parse.ParseType.fixedArray;
import static org.jnetgraph.parse.ParseType.struct;

/** Composite types that exercise padding, nesting and every kind of length. */
final class TestTypes {
    /** Every field kind, odd alignments, a nested struct with tail padding and a rest-of-input array. */
    static final ParseType MIXED = struct(
            Field.of("a", UINT8),
            Field.of("b", UINT32),
            Field.of("c", INT16),
            Field.of("d", fixedArray(HINT16, 3)),
            Field.of("e", IPADDR),
            Field.of("f", SIZED_STRING),
            Field.of("g", UINT64),
            Field.of("h", NODEBUF),
            Field.of("i", ENADDR),
            Field.of("j", bytes(LengthFn.field("a"))),
            Field.of("k", struct(Field.of("x", UINT32), Field.of("y", UINT8))),
            Field.of("l", UINT8),
            Field.of("rest", array(struct(Field.of("m", ENADDR), Field.of("n", UINT16)), LengthFn.remaining())));

    /** Arrays of arrays and an array of variable strings. */
    static final ParseType NESTED = struct(
            Field.of("grid", fixedArray(fixedArray(INT8, 2), 3)),
            Field.of("n", UINT8),
            Field.of("words", array(STRING, LengthFn.field("n"))),
            Field.of("tail", UINT16));

    /** An array of variable-size records, each sized by its own length field. */
    static final ParseType RECORDS = struct(
            Field.of("count", UINT16),
            Field.of(
                    "recs",
                    array(
                            struct(
                                    Field.of("len", UINT8),
                                    Field.of("data", bytes(LengthFn.field("len"))),
                                    Field.of("ip", IPADDR)),
                            LengthFn.field("count"))));

    private TestTypes() {}
}
