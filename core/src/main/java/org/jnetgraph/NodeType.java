package org.jnetgraph;

import java.util.List;

/**
 * A netgraph node type: a name, a type cookie, the commands it can translate to and from ASCII, and a constructor
 * that gives each new node its methods. Types are found with {@link java.util.ServiceLoader}, so a jar on the class
 * path that lists an implementation in {@code META-INF/services/org.jnetgraph.NodeType} adds a type.
 *
 * <p>Threading: implementations are immutable and shared by every graph; any thread may call them.
 */
public interface NodeType {
    /** NG_TYPESIZ - 1: the longest type name. */
    int MAX_NAME = 31;

    /** The type name, as used by mkpeer: 1 to 31 characters. */
    String name();

    /** The type cookie of this type's messages. */
    int cookie();

    /** The commands this type can convert between binary and ASCII (its cmdlist). */
    default List<Command> commands() {
        return List.of();
    }

    /**
     * True when this type's data path may run concurrently with its own control methods, because its configuration
     * lives in an immutable snapshot that control methods replace and data reads once per packet. Data entering
     * such a node touches no gate, no atomic read-modify-write and no lock.
     */
    default boolean dataConcurrentWithControl() {
        return false;
    }

    /**
     * Creates the methods of a new node (netgraph's constructor). Called on the control path, with the node already
     * holding its ID.
     *
     * @throws NgException to refuse the node; types that cannot be created by mkpeer throw EINVAL
     */
    NodeMethods constructor(Node node);
}
