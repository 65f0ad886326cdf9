/**
 * Quiescence-based reclamation for the packet graph: epoch sections on the data path, grace periods and
 * deferred callbacks on the control path.
 *
 * <h2>Why a JVM graph needs this</h2>
 *
 * <p>The garbage collector already keeps an unlinked node or hook in memory while a packet still holds it. What
 * the collector cannot say is <em>when no thread can still be running inside it</em>. Shutdown hooks, release of
 * sockets and buffers, recycling of pooled items and "the topology change is complete" replies all need that
 * answer. An {@link org.jnetgraph.epoch.EpochDomain} gives it without a topology lock on the data path:
 *
 * <ul>
 *   <li>A data-path thread brackets each batch of work with {@code enter()} and {@code exit()}: a <em>read
 *       section</em>. Inside, it may follow hook and peer references freely but must not block.
 *   <li>The control path first unlinks an object from the shared topology, then either calls {@code
 *       synchronize()} (wait for a <em>grace period</em>: every section that was open when the call began has
 *       closed) or {@code retire(callback)} (run the callback on the domain's reclaimer thread after a grace
 *       period).
 * </ul>
 *
 * <p>Rules every user must keep: never block, sleep or wait for a grace period inside a section; take references
 * to shared objects inside a section only with try-acquire semantics; do control-path work (messages, mkpeer,
 * shutdown) outside sections.
 *
 * <h2>Memory-ordering vocabulary</h2>
 *
 * <p>Shared fields in this package are read and written only through {@link java.lang.invoke.VarHandle}s, never
 * through {@code sun.misc.Unsafe}. A field is accessed either directly through its VarHandle, whose method names
 * the mode ({@code SLOT.setRelease(..)}), or through a private accessor named after the mode it uses, so the
 * ordering of every step can be read off the call site:
 *
 * <ul>
 *   <li><b>plain</b> ({@code xPlain()}, or an ordinary field access to an owner-only field): no ordering, no
 *       visibility promise to other threads. Used only for fields that one thread both writes and reads.
 *   <li><b>opaque</b> ({@code xOpaque()}, {@code setXOpaque(v)}): the access happens, atomically and coherently,
 *       but orders nothing else. Used for counters and hints whose staleness is harmless.
 *   <li><b>acquire / release</b> ({@code xAcquire()}, {@code setXRelease(v)}): a release store publishes
 *       everything the writer did before it to a thread whose acquire load reads that value. Does <em>not</em>
 *       order an earlier store before a later load.
 *   <li><b>volatile</b> ({@code xVolatile()}, {@code setXVolatile(v)}, {@code casX(..)}, {@code getAndAddX(..)}):
 *       sequentially consistent. Used for read-modify-write steps and for flags on both sides of a wake-up
 *       handshake.
 *   <li><b>full fence</b> ({@code VarHandle.fullFence()}): a sequentially consistent fence; the only tool here
 *       that keeps an earlier store ordered before a later load (store-load). Both sides of the epoch protocol
 *       use one; each use says why in a comment.
 * </ul>
 *
 * <p>Each lock-free class opens with an "implementation notes" comment giving its algorithm, its invariants, which
 * thread writes which field and why each ordering is needed.
 */
package org.jnetgraph.epoch;
