package org.jnetgraph.epoch;

/**
 * How a grace period waits for one registered reader.
 *
 * <p>The domain's own strategy backs off and reports stalls; tests inject others (for example one that does not
 * wait at all, to prove that the checks catch a missing grace period). Called only on the control path, outside
 * any section of the domain.
 */
@FunctionalInterface
interface ReaderWait {
    /**
     * Returns once {@code reader} is not inside a section whose epoch is older than {@code target}, or its thread
     * has died.
     */
    void await(EpochDomain.Reader reader, long target);
}
