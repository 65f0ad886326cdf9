package org.jnetgraph.types;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The bridge's host table: Ethernet address (as a 48-bit long) to the link it was last seen on, readable and
 * writable from the data path without locks and without allocation on a lookup.
 *
 * <p>Threading: {@link #find} and {@link #learn} from any thread, including inside rcvdata; {@link #forEach} from
 * any thread (the bridge calls it on the control path and, on a loop detection, on the data path). Never blocks.
 */
final class BridgeHostTable {
    /*
     * Implementation notes.
     *
     * Algorithm: open addressing with linear probing over an AtomicReferenceArray of Host objects, keyed by the MAC
     * held in the Host. A slot goes null -> Host -> (replacement Host of the same MAC) -> MOVED, each step a CAS, so
     * slots are never emptied: a null slot ends every probe chain, which is what makes a lock-free insert without
     * duplicates possible. Removing a host marks it dead (a CAS on Host.state); the slot keeps it, and a later learn
     * of the same MAC replaces the dead Host in place (same key, same chain).
     *
     * Growth and purging: when the slots used (live and dead) pass half the capacity, the thread whose insert crossed
     * the line installs a successor table with a CAS on Table.next (one winner) and copies every live Host into it,
     * turning each old slot into MOVED with a CAS, in slot order, and publishing every 64 slots in Table.progress a
     * bound below which all slots are MOVED; when done it moves the table field past every fully migrated table.
     * Nobody waits for it: readers and writers step over MOVED slots (jumping over the migrated prefix, so a probe
     * does not crawl through it) and, at the end of their chain, continue in the successor.
     * Dead and stale hosts are not copied, so a table full of dead entries shrinks back.
     *
     * Searching during a migration: a probe steps over MOVED slots and goes on to the end of the chain in the old
     * table, because its key may sit further along, not yet copied; only when the chain ends does it continue in the
     * successor (if any). A key copied before the probe reached it is in the successor, since the copy is made
     * before the slot becomes MOVED; a key that a learner put straight into the successor was put there only after
     * the learner saw Table.next set, so a probe that read next as null linearizes before that insert. Hence a host
     * learned before a lookup starts is never missed, and a learner never duplicates a key present in the old table.
     *
     * One race is left: a learner that read Table.next as null can still put a Host into a slot of the old table
     * that the migrator has not reached, while a second learner of the same MAC, arriving after the successor was
     * installed, puts its own Host into the successor. The migrator then finds the MAC already in the successor and
     * marks the old table's Host dead, so one survives; the first learner's caller used a Host that is now dead,
     * which costs at most a refreshed timestamp on a discarded object, and its next frame finds the survivor.
     *
     * Invariant: at most one live Host per MAC across the chain; Host objects are shared by old and new tables, so a
     * field update is seen through either. Tolerated race: two threads re-homing one host race on plain volatile
     * writes of link and homedAt; the last writer wins, and each write is a whole value.
     *
     * Orderings: slots are read with volatile get and written with CAS, so a Host is fully constructed (final mac,
     * fields set before the CAS) before any reader can see it. Table.next is volatile and written by CAS before any
     * slot is marked MOVED, so a thread that saw MOVED also sees the successor when its chain ends.
     */
    private static final Object MOVED = new Object();
    private static final int MIN_CAPACITY = 64;
    private static final int PROGRESS_STEP = 63;

    /** One learned host. Fields other than mac are written by any thread with plain volatile stores. */
    static final class Host {
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Host.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final long mac;
        volatile BridgeLink link;
        /** When the host arrived on its current link (its age counts from here). */
        volatile long homedAt;
        /** When a frame from the host was last seen (its staleness counts from here). */
        volatile long lastSeen;

        @SuppressWarnings("unused")
        private volatile int state;

        Host(long mac, BridgeLink link, long now) {
            this.mac = mac;
            this.link = link;
            this.homedAt = now;
            this.lastSeen = now;
        }

        boolean isDead() {
            return state != 0;
        }

        /** Marks the host dead; true for the one caller that did it. */
        boolean kill() {
            return STATE.compareAndSet(this, 0, 1);
        }
    }

    private static final class Table {
        private static final VarHandle NEXT;

        static {
            try {
                NEXT = MethodHandles.lookup().findVarHandle(Table.class, "next", Table.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final AtomicReferenceArray<Object> slots;
        final int mask;
        final AtomicInteger used = new AtomicInteger();
        volatile Table next;
        /** Every slot below it is MOVED; capacity once the migration is done. Written by the migrator only. */
        volatile int progress;

        Table(int capacity) {
            slots = new AtomicReferenceArray<>(capacity);
            mask = capacity - 1;
        }

        boolean claimSuccessor(Table successor) {
            return NEXT.compareAndSet(this, null, successor);
        }
    }

    /** Which hosts survive a migration: the bridge keeps those not stale at {@code now}. */
    interface Keep {
        boolean test(Host host, long now);
    }

    private final AtomicInteger live = new AtomicInteger();
    private final Keep keep;
    private final LongSupplier clock;
    private volatile Table table = new Table(MIN_CAPACITY);

    BridgeHostTable(Keep keep, LongSupplier clock) {
        this.keep = keep;
        this.clock = clock;
    }

    static int slotOf(long mac, int mask) {
        long h = mac * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }

    /** The Host holding {@code mac}, possibly dead or stale (the caller judges), or null. Allocates nothing. */
    Host find(long mac) {
        Table t = table;
        while (true) {
            Host host = probe(t, mac);
            if (host != null) {
                return host;
            }
            t = t.next;
            if (t == null) {
                return null;
            }
        }
    }

    /**
     * The Host with {@code mac} in {@code t}, or null when the chain ends (at a null slot, after a full turn, or in
     * a table whose migration is done) without it. MOVED slots are stepped over, since the key may still sit further
     * along, not yet copied; a key that was copied is found in the successor, which the caller searches next.
     */
    private static Host probe(Table t, long mac) {
        int i = slotOf(mac, t.mask);
        int probes = 0;
        while (probes <= t.mask) {
            Object o = t.slots.get(i);
            if (o == null) {
                return null;
            }
            if (o != MOVED) {
                if (((Host) o).mac == mac) {
                    return (Host) o;
                }
                i = (i + 1) & t.mask;
                probes++;
                continue;
            }
            int next = afterMoved(t, i);
            if (next < 0) {
                return null;
            }
            probes += next > i ? next - i : 1;
            i = next;
        }
        return null;
    }

    /**
     * Where to look after a MOVED slot at {@code i}: past the migrated prefix when {@code i} lies inside it (every
     * slot below Table.progress is MOVED, so the jump skips only copied keys), else the next slot; -1 when the whole
     * table was migrated.
     */
    private static int afterMoved(Table t, int i) {
        int progress = t.progress;
        if (progress > t.mask) {
            return -1;
        }
        return progress > i ? progress : (i + 1) & t.mask;
    }

    /**
     * The live Host for {@code mac}, inserted on {@code link} at {@code now} when there was none (or only a dead
     * one). Allocates one Host for a new entry; may migrate the whole table when the insert fills it.
     */
    Host learn(long mac, BridgeLink link, long now) {
        Table t = table;
        while (true) {
            Object result = insert(t, mac, null, link, now);
            if (result instanceof Host host) {
                return host;
            }
            t = (Table) result;
        }
    }

    /**
     * One attempt to insert in {@code t}: the Host (existing live one or new), or the table to retry in. With a
     * non-null {@code existing}, copies that Host instead of creating one (migration).
     */
    private Object insert(Table t, long mac, Host existing, BridgeLink link, long now) {
        int i = slotOf(mac, t.mask);
        int probes = 0;
        while (probes <= t.mask) {
            Object o = t.slots.get(i);
            if (o == null) {
                return claim(t, i, mac, existing, link, now);
            }
            if (o == MOVED) {
                int next = afterMoved(t, i);
                if (next < 0) {
                    return t.next;
                }
                probes += next > i ? next - i : 1;
                i = next;
                continue;
            }
            Host host = (Host) o;
            if (host.mac == mac) {
                return host.isDead() ? replace(t, i, host, mac, existing, link, now) : host;
            }
            i = (i + 1) & t.mask;
            probes++;
        }
        return successorOf(t);
    }

    /** Puts a Host into the null slot {@code i}, unless {@code t} has a successor (then new keys go there). */
    private Object claim(Table t, int i, long mac, Host existing, BridgeLink link, long now) {
        Table next = t.next;
        if (next != null) {
            return next;
        }
        Host fresh = existing != null ? existing : new Host(mac, link, now);
        if (!t.slots.compareAndSet(i, null, fresh)) {
            return t;
        }
        inserted(t, existing == null);
        return fresh;
    }

    private Table successorOf(Table t) {
        if (t.next == null) {
            grow(t);
        }
        return t.next;
    }

    private Object replace(Table t, int i, Host dead, long mac, Host existing, BridgeLink link, long now) {
        Host fresh = existing != null ? existing : new Host(mac, link, now);
        if (!t.slots.compareAndSet(i, dead, fresh)) {
            return t;
        }
        if (existing == null) {
            live.incrementAndGet();
        }
        return fresh;
    }

    private void inserted(Table t, boolean newHost) {
        if (newHost) {
            live.incrementAndGet();
        }
        if (t.used.incrementAndGet() > (t.mask + 1) / 2) {
            grow(t);
        }
    }

    /** Installs and fills a successor of {@code t}, unless another thread already does. */
    private void grow(Table t) {
        if (t.next != null) {
            return;
        }
        int wanted = Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, live.get()) * 4 - 1) << 1);
        Table successor = new Table(wanted);
        if (!t.claimSuccessor(successor)) {
            return;
        }
        long now = clock.getAsLong();
        for (int i = 0; i <= t.mask; i++) {
            migrateSlot(t, i, now);
            if ((i & PROGRESS_STEP) == PROGRESS_STEP) {
                t.progress = i + 1;
            }
        }
        t.progress = t.mask + 1;
        advance();
    }

    private void migrateSlot(Table t, int i, long now) {
        while (true) {
            Object o = t.slots.get(i);
            if (o instanceof Host host && !host.isDead()) {
                if (keep.test(host, now)) {
                    copy(t.next, host);
                } else if (host.kill()) {
                    live.decrementAndGet();
                }
            }
            if (t.slots.compareAndSet(i, o, MOVED)) {
                return;
            }
        }
    }

    private void copy(Table into, Host host) {
        Table t = into;
        while (true) {
            Object result = insert(t, host.mac, host, null, 0);
            if (result instanceof Host survivor) {
                if (survivor != host) {
                    remove(host);
                }
                return;
            }
            t = (Table) result;
        }
    }

    private static final VarHandle TABLE;

    static {
        try {
            TABLE = MethodHandles.lookup().findVarHandle(BridgeHostTable.class, "table", Table.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Moves the table field past every fully migrated table. Each migrator calls it when done; whichever finishes
     * last carries the field to the newest table, so lookups stop passing through emptied tables.
     */
    private void advance() {
        Table current = table;
        while (current.progress > current.mask && current.next != null) {
            TABLE.compareAndSet(this, current, current.next);
            current = table;
        }
    }

    /** Marks {@code host} dead; true for the caller that did it. */
    boolean remove(Host host) {
        if (host.kill()) {
            live.decrementAndGet();
            return true;
        }
        return false;
    }

    /** Live entries (stale ones included until something removes them). */
    int size() {
        return live.get();
    }

    /** Capacity of the newest table, for tests. */
    int capacity() {
        Table t = table;
        while (t.next != null) {
            t = t.next;
        }
        return t.mask + 1;
    }

    /**
     * Visits every live Host of every table in the chain; a Host being migrated may be visited twice, so callers
     * either act idempotently (remove) or deduplicate.
     */
    void forEach(Consumer<Host> action) {
        for (Table t = table; t != null; t = t.next) {
            for (int i = 0; i <= t.mask; i++) {
                if (t.slots.get(i) instanceof Host host && !host.isDead()) {
                    action.accept(host);
                }
            }
        }
    }
}
