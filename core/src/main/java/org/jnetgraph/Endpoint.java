package org.jnetgraph;

/**
 * Node methods that take every control message themselves, with its source, instead of through rcvmsg: the socket
 * endpoint, which hands messages to its Java owner.
 *
 * <p>Threading: called on the control path.
 */
interface Endpoint extends NodeMethods {
    /** A control message (request or reply) arrived from node {@code source}. */
    void receiveMessage(Message message, int source);
}
