package org.jnetgraph.review;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Runs an action on a daemon thread and reports whether it returned in time; dumps stacks when it hung. */
final class Watch {
    private Watch() {}

    static String run(String name, long millis, Runnable action) {
        AtomicReference<String> result = new AtomicReference<>("HUNG");
        Thread t = Thread.ofPlatform().daemon().name("watch-" + name).start(() -> result.set(Ng.run(action)));
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            return "HUNG after " + millis + " ms\n" + dump();
        }
        return result.get();
    }

    static String dump() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> e :
                Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            String n = t.getName();
            if (!(n.startsWith("watch-")
                    || n.startsWith("ng_queue")
                    || n.contains("reclaimer")
                    || n.contains("teardown")
                    || n.startsWith("review-"))) {
                continue;
            }
            if (t.getState() == Thread.State.TIMED_WAITING && n.startsWith("ng_queue")) {
                continue;
            }
            out.append("  thread ").append(n).append(" ").append(t.getState()).append('\n');
            StackTraceElement[] st = e.getValue();
            for (int i = 0; i < Math.min(st.length, 14); i++) {
                out.append("      at ").append(st[i]).append('\n');
            }
        }
        return out.toString();
    }
}
