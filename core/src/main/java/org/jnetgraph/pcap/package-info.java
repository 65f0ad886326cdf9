/**
 * Capture files: {@link org.jnetgraph.pcap.PcapReader} reads classic pcap (either byte order, microsecond or
 * nanosecond timestamps) and pcapng (any number of sections and interfaces, each with its own link type and
 * timestamp resolution); {@link org.jnetgraph.pcap.PcapWriter} writes classic pcap or pcapng.
 *
 * <p>Both work on large buffers (one read or write system call per megabyte, not per frame) and allocate nothing
 * per frame in steady state. A damaged file is reported with a {@link org.jnetgraph.pcap.PcapException} that names
 * the byte offset and what was wrong, after every frame before the damage was delivered.
 *
 * <p>Timestamps are nanoseconds since the Unix epoch, signed 64-bit, whatever resolution the file uses. Link types
 * are the pcap LINKTYPE_ numbers ({@link org.jnetgraph.pcap.LinkType}).
 *
 * <p>Threading: readers and writers are confined to one thread at a time; the records and enums are immutable.
 */
package org.jnetgraph.pcap;
