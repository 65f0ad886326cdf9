package org.jnetgraph;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lincheck over the graph itself: connect (mkpeer), rmhook, shutdown, name, send and sync from a socket, checked for
 * linearizability against the graph's own sequential behaviour, in model-checking and stress modes, in both
 * synchronization modes. The graph is built without threads of its own (queued items and teardowns run inside
 * sync(), on the calling thread) so that the model checker controls every step.
 *
 * <p>Every operation also reports a breach of the two teardown invariants (a packet delivered to a node whose
 * shutdown started, or through a hook whose disconnect started): no sequential order can show one, so any breach
 * makes the results impossible to linearize and fails the check.
 */
public class GraphLincheckTest {
    /** A sink that checks the teardown invariants on every packet. */
    static final class Probe implements NodeType {
        final AtomicInteger breaches = new AtomicInteger();

        @Override
        public String name() {
            return "probe";
        }

        @Override
        public int cookie() {
            return 77;
        }

        @Override
        public boolean dataConcurrentWithControl() {
            return true;
        }

        @Override
        public NodeMethods constructor(Node node) {
            AtomicBoolean shutdownStarted = new AtomicBoolean();
            return new NodeMethods() {
                @Override
                public void connect(Hook hook) {
                    hook.attach(new AtomicBoolean());
                }

                @Override
                public Errno rcvdata(Hook hook, Packet packet) {
                    if (shutdownStarted.get() || ((AtomicBoolean) hook.attachment()).get()) {
                        breaches.incrementAndGet();
                    }
                    packet.free();
                    return Errno.OK;
                }

                @Override
                public void disconnect(Hook hook) {
                    ((AtomicBoolean) hook.attachment()).set(true);
                    if (node.numHooks() == 0 && node.isValid()) {
                        node.rmnodeSelf();
                    }
                }

                @Override
                public void shutdown() {
                    shutdownStarted.set(true);
                }
            };
        }
    }

    /** The operations; the mode comes from the subclass. Public, with a public no-argument constructor. */
    public abstract static class Facade {
        private static final byte[] FRAME = {1, 2, 3, 4};

        private final Graph graph;
        private final Socket socket;
        private final Probe probe = new Probe();

        Facade(SyncMode mode) {
            this(Graph.createDeterministic(mode));
        }

        /** A facade over a graph built elsewhere (for variants of the synchronization). */
        Facade(Graph graph) {
            this.graph = graph;
            graph.addType(probe);
            socket = graph.socket("s");
            socket.mkpeer(".", "probe", "a", "in");
        }

        private String outcome(Runnable action) {
            String result;
            try {
                action.run();
                result = "ok";
            } catch (NgException e) {
                result = e.errno().name();
            }
            return probe.breaches.get() == 0 ? result : "BREACH";
        }

        @Operation
        public String sendA() {
            return sent(socket.sendData("a", FRAME));
        }

        @Operation
        public String sendB() {
            return sent(socket.sendData("b", FRAME));
        }

        /**
         * A send either delivered the packet or did not. Which errno a failed send reports depends on how far the
         * racing removal got (EHOSTUNREACH: the socket's hook was already gone; ENETDOWN: the hook was found but its
         * link was already unlinked), and both mean the same: not delivered, counted, nothing left behind. A
         * sequential run can only show the first, so the two are one outcome here.
         */
        private String sent(Errno result) {
            String outcome = result == Errno.OK ? "delivered" : "not delivered";
            return probe.breaches.get() == 0 ? outcome : "BREACH";
        }

        @Operation
        public String mkpeerB() {
            return outcome(() -> socket.mkpeer(".", "probe", "b", "in"));
        }

        @Operation
        public String connectBToA() {
            return outcome(() -> socket.connect(".:a", "s:", "b", "b"));
        }

        @Operation
        public String rmhookA() {
            return outcome(() -> socket.rmhook(".", "a"));
        }

        @Operation
        public String shutdownB() {
            return outcome(() -> socket.shutdown(".:b"));
        }

        @Operation
        public String nameA() {
            return outcome(() -> socket.name(".:a", "n"));
        }

        @Operation
        public String sync() {
            return outcome(graph::sync);
        }
    }

    /** Epoch mode. */
    public static class EpochFacade extends Facade {
        public EpochFacade() {
            super(SyncMode.EPOCH);
        }
    }

    /** Lock mode. */
    public static class LockFacade extends Facade {
        public LockFacade() {
            super(SyncMode.LOCK);
        }
    }

    @Test
    @Timeout(300)
    void modelCheckingInEpochMode() {
        modelChecking().check(EpochFacade.class);
    }

    @Test
    @Timeout(300)
    void modelCheckingInLockMode() {
        modelChecking().check(LockFacade.class);
    }

    @Test
    @Timeout(300)
    void stressInEpochMode() {
        stress().check(EpochFacade.class);
    }

    @Test
    @Timeout(300)
    void stressInLockMode() {
        stress().check(LockFacade.class);
    }

    private static ModelCheckingOptions modelChecking() {
        return new ModelCheckingOptions()
                .iterations(10)
                .invocationsPerIteration(200)
                .threads(2)
                .actorsPerThread(3);
    }

    private static StressOptions stress() {
        return new StressOptions()
                .iterations(10)
                .invocationsPerIteration(200)
                .threads(3)
                .actorsPerThread(3);
    }
}
