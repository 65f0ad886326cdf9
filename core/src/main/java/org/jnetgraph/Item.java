package org.jnetgraph;

/**
 * Everything delivered to a node travels as an item: a data packet, a control message or an internal function.
 * A queued item remembers the hook it arrives on and whether it must run as the node's writer.
 *
 * <p>Threading: owned by one thread at a time; handing it to a queue hands it over.
 */
abstract class Item {
    Hook arrival;
    boolean writer;

    /** True for data packets, which run inside an epoch section; control items run outside sections. */
    abstract boolean isData();
}
