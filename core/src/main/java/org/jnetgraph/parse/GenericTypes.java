package org.jnetgraph.parse;

import static org.jnetgraph.parse.ParseType.HINT32;
import static org.jnetgraph.parse.ParseType.HOOKBUF;
import static org.jnetgraph.parse.ParseType.NODEBUF;
import static org.jnetgraph.parse.ParseType.PATHBUF;
import static org.jnetgraph.parse.ParseType.TYPEBUF;
import static org.jnetgraph.parse.ParseType.UINT32;
import static org.jnetgraph.parse.ParseType.array;
import static org.jnetgraph.parse.ParseType.struct;

/**
 * The argument and reply layouts of the generic control messages (NGM_GENERIC_COOKIE), with FreeBSD's ASCII field
 * names from {@code ng_message.h}.
 *
 * <p>Threading: immutable constants; any thread.
 */
public final class GenericTypes {

    /** {@code struct ngm_mkpeer} (96 bytes): {@code { type="tee" ourhook="left" peerhook="right" }}. */
    public static final ParseType MKPEER =
            struct(Field.of("type", TYPEBUF), Field.of("ourhook", HOOKBUF), Field.of("peerhook", HOOKBUF));

    /** {@code struct ngm_connect} (576 bytes): {@code { path="foo:" ourhook="a" peerhook="b" }}. */
    public static final ParseType CONNECT =
            struct(Field.of("path", PATHBUF), Field.of("ourhook", HOOKBUF), Field.of("peerhook", HOOKBUF));

    /** {@code struct ngm_name} (32 bytes): {@code { name="foo" }}. */
    public static final ParseType NAME = struct(Field.of("name", NODEBUF));

    /** {@code struct ngm_rmhook} (32 bytes); the C member is {@code ourhook} but the ASCII field is {@code hook}. */
    public static final ParseType RMHOOK = struct(Field.of("hook", HOOKBUF));

    /** {@code struct nodeinfo} (72 bytes): {@code { name="foo" type="tee" id=0x5 hooks=2 }}. */
    public static final ParseType NODEINFO = struct(
            Field.of("name", NODEBUF), Field.of("type", TYPEBUF), Field.of("id", HINT32), Field.of("hooks", UINT32));

    /** {@code struct linkinfo} (136 bytes): a hook, its peer hook and the peer node. */
    public static final ParseType LINKINFO =
            struct(Field.of("ourhook", HOOKBUF), Field.of("peerhook", HOOKBUF), Field.of("nodeinfo", NODEINFO));

    /** {@code struct hooklist}, the LISTHOOKS reply: a nodeinfo and {@code nodeinfo.hooks} linkinfos. */
    public static final ParseType HOOKLIST = struct(
            Field.of("nodeinfo", NODEINFO), Field.of("linkinfo", array(LINKINFO, LengthFn.field("nodeinfo.hooks"))));

    /** {@code struct namelist}, the LISTNAMES and LISTNODES reply: {@code numnames} nodeinfos. */
    public static final ParseType NAMELIST =
            struct(Field.of("numnames", UINT32), Field.of("nodeinfo", array(NODEINFO, LengthFn.field("numnames"))));

    /** {@code struct typeinfo} (36 bytes); the C member {@code type_name} is the ASCII field {@code typename}. */
    public static final ParseType TYPEINFO = struct(Field.of("typename", TYPEBUF), Field.of("numnodes", UINT32));

    /** {@code struct typelist}, the LISTTYPES reply: {@code numtypes} typeinfos. */
    public static final ParseType TYPELIST =
            struct(Field.of("numtypes", UINT32), Field.of("typeinfo", array(TYPEINFO, LengthFn.field("numtypes"))));

    private GenericTypes() {}
}
