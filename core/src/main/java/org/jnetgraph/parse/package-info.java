/**
 * FreeBSD's ng_parse for the JVM: binary layouts of control-message arguments and their ASCII form.
 *
 * <p>A {@link org.jnetgraph.parse.ParseType} describes a C layout (integers, strings, addresses, byte arrays, structs
 * and arrays) and converts between the binary a node receives, the text {@code ngctl msg} shows and accepts, and plain
 * Java values. Text is parsed and printed byte-for-byte as FreeBSD does, and failures carry FreeBSD's errno plus the
 * position of the offending token. {@link org.jnetgraph.parse.GenericTypes} holds the layouts of the generic messages;
 * {@link org.jnetgraph.parse.Struct} and {@link org.jnetgraph.parse.StructValue} build and read struct values.
 *
 * <p>Every type is immutable and every operation stateless, so all of it may be used from any thread. Where this
 * package differs from FreeBSD on purpose, COMPATIBILITY-NOTES.md next to the sources says so.
 */
package org.jnetgraph.parse;
