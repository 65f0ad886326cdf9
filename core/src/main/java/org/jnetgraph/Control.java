package org.jnetgraph;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The control path: delivers control messages and internal functions to nodes, and carries out topology changes
 * (mkpeer, connect, rmhook, shutdown, name).
 */
final class Control {
    /*
     * Implementation notes.
     *
     * All control work of a graph is serialized by one lock (the conductor pattern): whoever runs a control item
     * holds it, so topology changes are serialized among themselves and node types' control methods never run
     * concurrently with each other. The data path never takes this lock and never waits for its holder.
     *
     * A control item for a node also enters that node's gate as a writer (as a reader for READONLY messages), so it
     * never runs beside the node's rcvdata unless the type declared its data path concurrent with control. When the
     * gate is busy the item is queued and a worker runs it later, taking the lock then. The lock holder never waits
     * for a gate (it queues instead) and never waits for a completion, so there is no cycle: workers wait for the
     * lock, the holder waits for nothing. 'held' lists the nodes whose gate the lock holder entered, so a nested
     * step for the same node runs inline instead of queueing behind itself.
     *
     * A topology change unlinks under TopologySync.beginChange/endChange (lock mode: the topology write lock) and
     * hands its teardown to TopologySync.retire: after a grace period (epoch mode) or at once (lock mode, where no
     * reader can be inside), the teardown is queued on the node as a writer item, so disconnect and shutdown methods
     * run as the node's writer, after every section that could have seen the old topology, and in retirement order.
     */
    private static final long REQUEST_TIMEOUT_MILLIS = 30_000;

    private final Graph graph;
    private final TopologySync sync;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Node> held = new ArrayDeque<>();
    private final AtomicLong outstanding = new AtomicLong();
    private final Generic generic;
    private WorkerPool workers;

    Control(Graph graph, TopologySync sync) {
        this.graph = graph;
        this.sync = sync;
        this.generic = new Generic(graph, this);
    }

    void attach(WorkerPool pool) {
        this.workers = pool;
    }

    /** Puts a node whose SCHEDULED bit the caller claimed on the worklist. */
    void schedule(Node node) {
        workers.schedule(node);
    }

    /** Control items queued and not yet run. */
    long outstanding() {
        return outstanding.get();
    }

    // ---------------------------------------------------------------- requests from endpoints

    /**
     * Sends {@code message} from node {@code from} to the node at {@code path} and waits until the target applied
     * it (even when it had to be queued). Outside sections only.
     *
     * @throws NgException the path's or the handler's error
     */
    void request(Node from, String path, Message message) {
        checkCaller();
        if (message.version() != Message.VERSION) {
            throw new NgException(Errno.EINVAL, "message header version " + message.version() + ", must be 8");
        }
        Completion completion = submit(from, path, message);
        if (!workers.hasThreads()) {
            runUntilDone(completion);
        }
        completion.await(REQUEST_TIMEOUT_MILLIS);
    }

    /** Without worker threads the requester itself runs what is queued until its request is applied. */
    private void runUntilDone(Completion completion) {
        ThreadContext context = graph.context();
        Backoff backoff = new Backoff();
        while (!completion.isDone()) {
            if (!workers.runPending(context)) {
                backoff.pause();
            }
        }
    }

    private Completion submit(Node from, String path, Message message) {
        Completion completion = new Completion();
        lock.lock();
        try {
            Target target = resolve(from, path);
            Node node = target.node();
            dispatch(
                    node,
                    ControlItem.message(message, target.lasthook(), from.id(), writerFor(node, message), completion));
        } catch (NgException e) {
            completion.complete(e);
        } finally {
            lock.unlock();
        }
        return completion;
    }

    /** Sends a message through a hook to its peer node; runs it inline on the control path, else queues it. */
    void sendViaHook(Hook hook, Message message, int retaddr) {
        Hook peer = hook.peerAcquire();
        if (peer.stateAcquire() != Hook.VALID || !peer.node().isValid()) {
            throw new NgException(Errno.ENETDOWN, "hook \"" + hook.name() + "\" is not connected");
        }
        Node node = peer.node();
        ControlItem item = ControlItem.message(message, peer, retaddr, writerFor(node, message), null);
        if (lock.isHeldByCurrentThread()) {
            dispatch(node, item);
        } else {
            queue(node, item);
        }
    }

    /** Sends a message to a node by ID without waiting (replies and messages from node types off the lock). */
    void sendToId(int id, Message message, int retaddr) {
        Node node = graph.nodeById(id);
        if (node == null) {
            return;
        }
        queue(node, ControlItem.message(message, null, retaddr, writerFor(node, message), null));
    }

    private static boolean writerFor(Node node, Message message) {
        return (message.cmd() & Message.READONLY) == 0 || node.type().dataConcurrentWithControl();
    }

    // ---------------------------------------------------------------- dispatch

    /** Runs an item as the node's writer (or reader) now if the gate lets it in, else queues it. Lock held. */
    void dispatch(Node node, ControlItem item) {
        if (held.contains(node)) {
            execute(node, item);
            return;
        }
        boolean entered = item.writer ? node.gate.tryEnterWriter() : node.gate.tryEnterReader();
        if (!entered) {
            queue(node, item);
            return;
        }
        held.push(node);
        try {
            execute(node, item);
        } finally {
            held.pop();
            leaveGate(node, item.writer);
        }
    }

    private void leaveGate(Node node, boolean writer) {
        boolean schedule = writer ? node.gate.exitWriter() : node.gate.exitReader();
        if (schedule) {
            workers.schedule(node);
        }
    }

    /** Queues a control item on a node; lock-free, any thread. A teardown is never lost to a full queue. */
    void queue(Node node, ControlItem item) {
        outstanding.incrementAndGet();
        int result = node.gate.offer(item);
        Backoff backoff = null;
        while (result < 0 && item.teardown) {
            backoff = backoff == null ? new Backoff() : backoff;
            backoff.pause();
            result = node.gate.offer(item);
        }
        if (result < 0) {
            outstanding.decrementAndGet();
            abandon(node, item, new NgException(Errno.ENOBUFS, "input queue of " + node.address() + " is full"));
        } else if (result > 0) {
            workers.schedule(node);
        }
    }

    /** Runs a queued control item on a worker; the gate was entered by the worker's poll. */
    void runQueued(Node node, ControlItem item) {
        lock.lock();
        held.push(node);
        try {
            execute(node, item);
        } finally {
            held.pop();
            lock.unlock();
            outstanding.decrementAndGet();
        }
    }

    private void execute(Node node, ControlItem item) {
        if (item.function != null) {
            runFunction(node, item);
        } else {
            deliverMessage(node, item);
        }
    }

    private void runFunction(Node node, ControlItem item) {
        try {
            item.function.run();
        } catch (NgException e) {
            fail(item, e);
        } catch (Throwable e) {
            graph.reportError(node, e);
            fail(item, new NgException(Errno.EIO, "node type code failed: " + e, e));
        }
    }

    /** Drops an item unrun: undoes its half-done work, then reports the error to its requester. */
    private void abandon(Node node, ControlItem item, NgException error) {
        if (item.abandon != null) {
            try {
                item.abandon.run();
            } catch (Throwable e) {
                graph.reportError(node, e);
            }
        }
        fail(item, error);
    }

    private static void fail(ControlItem item, NgException error) {
        if (item.completion != null) {
            item.completion.complete(error);
        }
    }

    // ---------------------------------------------------------------- messages

    private void deliverMessage(Node node, ControlItem item) {
        try {
            if (node.stateAcquire() != Node.VALID) {
                throw new NgException(Errno.EINVAL, "node " + node.address() + " is shutting down");
            }
            Hook lasthook = item.arrival != null && item.arrival.isValid() ? item.arrival : null;
            Message reply = apply(node, item, lasthook);
            if (reply == Generic.DEFERRED) {
                return;
            }
            if (reply != null) {
                sendToId(item.retaddr, reply, node.id());
            }
            if (item.completion != null) {
                item.completion.succeed();
            }
        } catch (NgException e) {
            fail(item, e);
        } catch (Throwable e) {
            graph.reportError(node, e);
            fail(item, new NgException(Errno.EIO, "node type code failed: " + e, e));
        }
    }

    private Message apply(Node node, ControlItem item, Hook lasthook) {
        Message message = item.message;
        if (generic.handles(message)) {
            return generic.handle(node, item);
        }
        if (node.methods instanceof Endpoint endpoint) {
            endpoint.receiveMessage(message, item.retaddr);
            return null;
        }
        return node.methods.rcvmsg(message, lasthook);
    }

    // ---------------------------------------------------------------- paths

    /** A resolved address: the node, and the hook through which the path arrived there (or null). */
    record Target(Node node, Hook lasthook) {}

    /**
     * Resolves an address relative to {@code here} (may be null for absolute addresses only).
     *
     * @throws NgException EINVAL for a malformed address, ENOENT for a missing node or hook, ENXIO for a hop whose
     *     node is shutting down
     */
    Target resolve(Node here, String text) {
        Path path = Path.parse(text);
        Node node = startNode(here, path);
        Hook last = null;
        for (String segment : path.hooks()) {
            Hook hook = node.hook(segment);
            Hook peer = hook == null ? Hook.DEAD_HOOK : hook.peerAcquire();
            if (peer.stateAcquire() != Hook.VALID) {
                throw new NgException(
                        Errno.ENOENT, "path \"" + text + "\": " + node.address() + " has no hook \"" + segment + "\"");
            }
            node = peer.node();
            if (!node.isValid()) {
                throw new NgException(
                        Errno.ENXIO, "path \"" + text + "\": node " + node.address() + " is shutting down");
            }
            last = peer;
        }
        return new Target(node, last);
    }

    private Node startNode(Node here, Path path) {
        if (path.node() == null || path.node().equals(".")) {
            if (here == null) {
                throw new NgException(Errno.EINVAL, "path \"" + path.text() + "\" is relative but has no start node");
            }
            return here;
        }
        int id = Names.parseId(path.node());
        Node node = id != 0 ? graph.nodeById(id) : graph.nodeByName(path.node());
        if (node == null) {
            String what = id != 0 ? "no node with ID " : "no node named ";
            throw new NgException(Errno.ENOENT, "path \"" + path.text() + "\": " + what + "\"" + path.node() + "\"");
        }
        return node;
    }

    // ---------------------------------------------------------------- topology: mkpeer

    /** MKPEER: a new node of type {@code typeName}, linked {@code ourhook} on {@code a} to {@code peerhook}. */
    void mkpeer(Node a, String typeName, String ourhook, String peerhook) {
        Names.checkHookName(ourhook);
        Names.checkHookName(peerhook);
        NodeType type = graph.findType(typeName);
        if (type == null) {
            throw new NgException(Errno.ENXIO, "mkpeer: no node type \"" + typeName + "\"");
        }
        String localName = chosenName(a, ourhook);
        requireFreeHook(a, localName);
        Node b = graph.createNode(type);
        Hook h1 = new Hook(localName, a);
        try {
            a.methods.newhook(h1, localName);
        } catch (Throwable e) {
            shutdownUnborn(b);
            throw e;
        }
        a.addHook(h1);
        String peerName;
        try {
            peerName = chosenName(b, peerhook);
        } catch (Throwable e) {
            shutdownUnborn(b);
            destroyUnborn(h1);
            throw e;
        }
        linkNewPeer(a, h1, b, peerName);
    }

    private void linkNewPeer(Node a, Hook h1, Node b, String peerhook) {
        Hook h2 = new Hook(peerhook, b);
        try {
            b.methods.newhook(h2, peerhook);
        } catch (Throwable e) {
            shutdownUnborn(b);
            destroyUnborn(h1);
            throw e;
        }
        b.addHook(h2);
        h1.linkPeer(h2);
        h2.linkPeer(h1);
        try {
            a.methods.connect(h1);
            b.methods.connect(h2);
        } catch (Throwable e) {
            destroyUnborn(h2);
            shutdownUnborn(b);
            destroyUnborn(h1);
            throw e;
        }
        h2.publish();
        h1.publish();
    }

    /** The name the node's type gives a requested hook name, checked like any hook name. */
    private static String chosenName(Node node, String requested) {
        String name = node.methods.hookName(requested);
        Names.checkHookName(name);
        return name;
    }

    private static void requireFreeHook(Node node, String name) {
        if (node.hook(name) != null) {
            throw new NgException(Errno.EEXIST, "hook \"" + name + "\" already exists on " + node.address());
        }
    }

    // ---------------------------------------------------------------- topology: connect

    /**
     * CONNECT, in netgraph's steps: newhook on A, then (as B's writer) newhook and connect on B, then (as A's
     * writer) connect on A. Completes {@code completion} at the end or at the first refusal.
     */
    void connect(Node a, String pathText, String ourhook, String peerhook, Completion completion) {
        Names.checkHookName(ourhook);
        Names.checkHookName(peerhook);
        Node b = resolve(a, pathText).node();
        ourhook = chosenName(a, ourhook);
        peerhook = chosenName(b, peerhook);
        requireFreeHook(b, peerhook);
        requireFreeHook(a, ourhook);
        if (a == b && ourhook.equals(peerhook)) {
            throw new NgException(Errno.EEXIST, "connect: both hooks would be \"" + ourhook + "\" on " + a.address());
        }
        Hook h1 = new Hook(ourhook, a);
        a.methods.newhook(h1, ourhook);
        a.addHook(h1);
        Hook h2 = new Hook(peerhook, b);
        h1.linkPeer(h2);
        h2.linkPeer(h1);
        dispatch(b, connectStep(() -> connectOnPeer(a, h1, b, h2, completion), h1, h2, completion));
    }

    /** A step of CONNECT; dropped unrun (a flushed or full queue), it removes both half-built hooks. */
    private ControlItem connectStep(Runnable step, Hook h1, Hook h2, Completion completion) {
        ControlItem item = ControlItem.function(step, false, completion);
        item.abandon = () -> {
            destroyUnborn(h2);
            destroyUnborn(h1);
        };
        return item;
    }

    private void connectOnPeer(Node a, Hook h1, Node b, Hook h2, Completion completion) {
        if (h1.stateAcquire() != Hook.NEW || !b.isValid()) {
            destroyUnborn(h1);
            throw new NgException(Errno.ENOENT, "connect: the link was torn down while it was being made");
        }
        if (b.hook(h2.name()) != null) {
            destroyUnborn(h1);
            throw new NgException(Errno.EEXIST, "hook \"" + h2.name() + "\" already exists on " + b.address());
        }
        try {
            b.methods.newhook(h2, h2.name());
        } catch (Throwable e) {
            destroyUnborn(h1);
            throw e;
        }
        b.addHook(h2);
        try {
            b.methods.connect(h2);
        } catch (Throwable e) {
            destroyUnborn(h2);
            destroyUnborn(h1);
            throw e;
        }
        dispatch(a, connectStep(() -> connectOnOrigin(a, h1, h2, completion), h1, h2, completion));
    }

    private void connectOnOrigin(Node a, Hook h1, Hook h2, Completion completion) {
        if (h1.stateAcquire() != Hook.NEW || h2.stateAcquire() != Hook.NEW || !a.isValid()) {
            destroyUnborn(h2);
            destroyUnborn(h1);
            throw new NgException(Errno.ENOENT, "connect: the link was torn down while it was being made");
        }
        try {
            a.methods.connect(h1);
        } catch (Throwable e) {
            destroyUnborn(h2);
            destroyUnborn(h1);
            throw e;
        }
        h2.publish();
        h1.publish();
        completion.succeed();
    }

    // ---------------------------------------------------------------- topology: removal

    /** RMHOOK: removes the named valid hook of {@code node} and its peer; a missing hook is not an error. */
    void rmhook(Node node, String hookName) {
        Hook hook = node.hook(hookName);
        if (hook != null) {
            destroyHook(hook);
        }
    }

    /** Unlinks a valid hook and its peer now; their disconnect methods run after a grace period. */
    void destroyHook(Hook hook) {
        Hook peer;
        boolean peerLive;
        sync.beginChange();
        try {
            if (!hook.transition(Hook.VALID, Hook.DYING)) {
                return;
            }
            peer = hook.peerAcquire();
            peerLive = peer != Hook.DEAD_HOOK && peer.transition(Hook.VALID, Hook.DYING);
            hook.unlinkPeer();
            if (peer != Hook.DEAD_HOOK) {
                peer.unlinkPeer();
            }
        } finally {
            sync.endChange();
        }
        Hook peerToFinish = peerLive ? peer : null;
        sync.retire(() -> {
            if (peerToFinish != null) {
                queueTeardown(peerToFinish.node(), () -> finishHook(peerToFinish));
            }
            queueTeardown(hook.node(), () -> finishHook(hook));
        });
    }

    /** ng_bypass: links the peers of two hooks of {@code node} to each other and retires the two hooks. */
    void bypass(Node node, Hook first, Hook second) {
        if (first.node() != node || second.node() != node || first == second) {
            throw new NgException(Errno.EINVAL, "bypass: hooks must be two different hooks of " + node.address());
        }
        sync.beginChange();
        try {
            Hook left = first.peerAcquire();
            Hook right = second.peerAcquire();
            if (left.stateAcquire() != Hook.VALID
                    || right.stateAcquire() != Hook.VALID
                    || !first.transition(Hook.VALID, Hook.DYING)) {
                throw new NgException(Errno.EINVAL, "bypass: hooks of " + node.address() + " are not both linked");
            }
            if (!second.transition(Hook.VALID, Hook.DYING)) {
                first.transition(Hook.DYING, Hook.VALID);
                throw new NgException(Errno.EINVAL, "bypass: hook \"" + second.name() + "\" is not linked");
            }
            left.linkPeer(right);
            right.linkPeer(left);
            first.unlinkPeer();
            second.unlinkPeer();
        } finally {
            sync.endChange();
        }
        sync.retire(() -> {
            queueTeardown(node, () -> finishHook(first));
            queueTeardown(node, () -> finishHook(second));
        });
    }

    private void queueTeardown(Node node, Runnable teardown) {
        queue(node, ControlItem.function(teardown, true, null));
    }

    private void finishHook(Hook hook) {
        Node node = hook.node();
        node.removeHook(hook);
        hook.transition(Hook.DYING, Hook.DEAD);
        callDisconnect(node, hook);
    }

    private void callDisconnect(Node node, Hook hook) {
        try {
            node.methods.disconnect(hook);
        } catch (Throwable e) {
            graph.reportError(node, e);
        }
    }

    /** A hook that never became valid: no reader can have seen it, so it goes at once. */
    private void destroyUnborn(Hook hook) {
        if (!hook.transition(Hook.NEW, Hook.DEAD)) {
            return;
        }
        Hook peer = hook.peerAcquire();
        hook.unlinkPeer();
        if (peer != Hook.DEAD_HOOK && peer.peerAcquire() == hook) {
            peer.unlinkPeer();
        }
        Node node = hook.node();
        boolean listed = node.numHooks() > 0 && contains(node.hookArray(), hook);
        if (listed) {
            node.removeHook(hook);
            dispatch(node, ControlItem.function(() -> callDisconnect(node, hook), true, null));
        }
    }

    private static boolean contains(Hook[] hooks, Hook hook) {
        for (Hook h : hooks) {
            if (h == hook) {
                return true;
            }
        }
        return false;
    }

    /** A node made by a failed MKPEER: it never had a usable hook, so it is shut down at once. */
    private void shutdownUnborn(Node node) {
        node.setState(Node.CLOSING);
        node.closing = true;
        try {
            node.methods.close();
        } catch (Throwable e) {
            graph.reportError(node, e);
        }
        for (Hook hook : node.hookArray()) {
            destroyUnborn(hook);
        }
        try {
            node.methods.shutdown();
        } catch (Throwable e) {
            graph.reportError(node, e);
        }
        node.setState(Node.DEAD);
        graph.forget(node);
    }

    /** ng_rmnode_self: invalid at once, shut down on the control path. Any thread; never blocks. */
    void rmnodeSelf(Node node) {
        if (node.transition(Node.VALID, Node.CLOSING)) {
            queue(node, ControlItem.function(() -> rmnode(node), true, null));
        }
    }

    /**
     * SHUTDOWN (ng_rmnode): invalid at once, close method, unlink every hook; after a grace period the queue is
     * flushed and the shutdown method runs. Idempotent.
     */
    void rmnode(Node node) {
        if (node.closing) {
            return;
        }
        node.closing = true;
        node.setState(Node.CLOSING);
        graph.releaseName(node);
        try {
            node.methods.close();
        } catch (Throwable e) {
            graph.reportError(node, e);
        }
        for (Hook hook : node.hookArray()) {
            if (hook.stateAcquire() == Hook.NEW) {
                destroyUnborn(hook);
            } else {
                destroyHook(hook);
            }
        }
        sync.retire(() -> queueTeardown(node, () -> finishNode(node)));
    }

    private void finishNode(Node node) {
        flush(node);
        try {
            node.methods.shutdown();
        } catch (Throwable e) {
            graph.reportError(node, e);
        }
        if (node.revived && !node.reallyDie) {
            revive(node);
        } else {
            node.setState(Node.DEAD);
            graph.forget(node);
        }
    }

    private void revive(Node node) {
        node.revived = false;
        node.closing = false;
        graph.reclaimName(node);
        node.setState(Node.VALID);
    }

    private void flush(Node node) {
        ThreadContext context = graph.context();
        Item item;
        while ((item = node.gate.pollAny()) != null) {
            if (item instanceof Packet packet) {
                graph.dataPath().flush(context, node, packet);
                continue;
            }
            ControlItem control = (ControlItem) item;
            outstanding.decrementAndGet();
            if (control.teardown) {
                runFunction(node, control);
            } else {
                node.countDrop(context, DropReason.NODE_GONE);
                abandon(node, control, new NgException(Errno.ENOENT, "node " + node.address() + " shut down first"));
            }
        }
    }

    // ---------------------------------------------------------------- topology: names

    /** NAME: names a node, with FreeBSD's checks in FreeBSD's order. */
    void name(Node node, String newName) {
        if (newName.equals(node.name())) {
            return;
        }
        Names.checkNodeName(newName);
        Node holder = graph.nodeByName(newName);
        if (holder != null) {
            throw new NgException(Errno.EADDRINUSE, "name \"" + newName + "\" is used by " + holder.address());
        }
        graph.rename(node, newName);
    }

    boolean isHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    /**
     * Refuses a control call that could never finish: from inside the data path (a section), where waiting for
     * the control lock or a teardown would stall grace periods or deadlock on the topology lock, and on a closed
     * graph.
     */
    void checkCaller() {
        if (graph.isClosed()) {
            throw new NgException(Errno.ENXIO, "the graph is closed");
        }
        if (sync.inSection(graph.context())) {
            throw new IllegalStateException(
                    "control calls cannot be made from inside the data path (rcvdata or a data handler)");
        }
    }

    /** Refuses a call that would wait for the control path while holding its lock. */
    void checkNotHoldingLock(String what) {
        if (lock.isHeldByCurrentThread()) {
            throw new IllegalStateException(what + " cannot wait on the control path; use Hook.sendMessage");
        }
    }

    /** Runs {@code action} holding the control lock. Outside sections only. */
    <T> T locked(java.util.function.Supplier<T> action) {
        checkCaller();
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
