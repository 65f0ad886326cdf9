package org.jnetgraph;

/**
 * A control item: a message for a node, or an internal function (a step of CONNECT, a teardown) to run as the
 * node's writer.
 *
 * <p>Threading: owned by one thread at a time; handing it to a queue hands it over.
 */
final class ControlItem extends Item {
    final Message message;
    final int retaddr;
    final Runnable function;
    final boolean teardown;
    final Completion completion;
    /** What undoes the item's half-done work when it is dropped unrun (a CONNECT step); null for nothing. */
    Runnable abandon;

    private ControlItem(Message message, int retaddr, Runnable function, boolean teardown, Completion completion) {
        this.message = message;
        this.retaddr = retaddr;
        this.function = function;
        this.teardown = teardown;
        this.completion = completion;
    }

    static ControlItem message(Message message, Hook lasthook, int retaddr, boolean writer, Completion completion) {
        ControlItem item = new ControlItem(message, retaddr, null, false, completion);
        item.arrival = lasthook;
        item.writer = writer;
        return item;
    }

    static ControlItem function(Runnable function, boolean teardown, Completion completion) {
        ControlItem item = new ControlItem(null, 0, function, teardown, completion);
        item.writer = true;
        return item;
    }

    @Override
    boolean isData() {
        return false;
    }
}
