package io.eddy.runtime.jobgraph;

/**
 * How the data of a {@link JobEdge} travels from its producers to its consumers, which decides
 * whether the two sides must run at the same time.
 */
public enum ExchangeMode {
    /**
     * Consumed while it is produced, in memory, with back-pressure: producer and consumer run at
     * the same time, and a failure of either restarts both (they are one pipelined region).
     */
    PIPELINED,
    /**
     * Written completely (to {@code io.tmp.dirs}) before any consumer starts, and readable again by a
     * restarted consumer: the two sides run one after the other, in different pipelined regions.
     */
    BLOCKING
}
