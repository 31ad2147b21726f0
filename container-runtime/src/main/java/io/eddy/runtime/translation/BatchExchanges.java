package io.eddy.runtime.translation;

import io.eddy.runtime.jobgraph.ExchangeMode;

/**
 * The one place that decides which exchanges of a job are blocking ({@link ExchangeMode}); the
 * batch optimizer's choice of ship strategies belongs next to it.
 *
 * <p>A job is a <em>batch job</em> when checkpointing is off, every source is bounded and at least
 * one operator is a batch operation (a DataSet grouping, join, coGroup, cross or sort), and every
 * DataStream job in BATCH mode is one ({@link RuntimeModes}; its keyed operators sort their input,
 * so they count as batch operations below). Every other job, streaming jobs and bounded DataStream
 * jobs alike, keeps pipelined exchanges only and so runs as one pipelined region, as it always did.
 *
 * <p>In a batch job a network edge is blocking when
 * <ul>
 *   <li>it is a shuffle (all-to-all: hash, rebalance, broadcast): pipelined, every producer and
 *       consumer subtask of it would form one region that needs all their slots at once, while
 *       blocking each producer subtask runs on its own, in whatever slots are free;
 *   <li>its consumer is a batch operator: it reads its whole input (a join: its build side) before
 *       it emits, so a pipelined exchange would only hold the producer's slots while nothing moves
 *       downstream, and the two inputs of a join or coGroup fed by one producer could deadlock; or
 *   <li>its producer feeds several operators (a data set used more than once): the consumers then
 *       need not run at the same time, nor hold each other back.
 * </ul>
 * Pointwise edges (forward between unchained operators, rescale) into record-at-a-time operators
 * and sinks of a single producer stay pipelined: such operators run together with their producer.
 * The edges inside an iteration (from its head into the step function, and on to its tails) stay
 * pipelined whatever these rules say: the step function's tasks run every superstep, they never
 * finish before the iteration does, so a blocking result of theirs would never be read.
 * Should these rules ever put a blocking edge inside a pipelined region, or make regions wait for
 * each other in a cycle, the compiler makes every edge of the job blocking, which is always
 * schedulable.
 */
final class BatchExchanges {
    private BatchExchanges() {}

    static boolean isBatchJob(boolean checkpointing, boolean allSourcesBounded, boolean hasBatchOperation) {
        return !checkpointing && allSourcesBounded && hasBatchOperation;
    }

    /**
     * The mode of a network edge of a batch job.
     *
     * @param pointwise each producer subtask feeds a few consumer subtasks, not all of them
     * @param consumerIsBatchOperation the edge leads into a batch operation
     * @param producerConsumers how many edges leave the producing operator
     */
    static ExchangeMode modeOf(boolean pointwise, boolean consumerIsBatchOperation, int producerConsumers) {
        return !pointwise || consumerIsBatchOperation || producerConsumers > 1 ? ExchangeMode.BLOCKING
                : ExchangeMode.PIPELINED;
    }
}
