package io.eddy.runtime.deployment;

import io.eddy.api.execution.ExecutionConfig;
import io.eddy.runtime.checkpoint.TaskRestore;
import io.eddy.runtime.exchange.ResultPartitionId;
import io.eddy.runtime.execution.ExecutionAttemptId;

import java.io.Serializable;
import java.util.List;

/**
 * Everything a TaskManager needs to run one subtask attempt: which chain, where its inputs come
 * from and which partitions it produces.
 *
 * @param chainConfig the vertex's serialized {@link io.eddy.runtime.jobgraph.ChainConfig}
 * @param splits for a source subtask, its serialized list of splits, else null
 * @param outputs one per outgoing edge of the vertex, in edge order
 * @param inputs one per incoming edge of the vertex, in edge order
 * @param restore the checkpointed state to start from, or null to start empty
 * @param slotIndex the TaskManager's slot the subtask runs in, whose managed memory it uses
 */
public record TaskDeploymentDescriptor(
        String jobId,
        String jobName,
        ExecutionAttemptId attemptId,
        String vertexId,
        String vertexName,
        int subtaskIndex,
        int parallelism,
        int maxParallelism,
        int attemptNumber,
        byte[] chainConfig,
        byte[] splits,
        ExecutionConfig executionConfig,
        List<OutputDescriptor> outputs,
        List<InputDescriptor> inputs,
        TaskRestore restore,
        int slotIndex) implements Serializable {

    /**
     * A partition this subtask produces, with one subpartition per consuming channel; a blocking one
     * is written completely before its consumers read it (see {@code ExchangeMode}).
     */
    public record OutputDescriptor(ResultPartitionId partitionId, int numberOfSubpartitions, boolean blocking)
            implements Serializable {}

    /**
     * The channels of one incoming edge: which producer partitions, and which subpartition of each;
     * {@code blocking} when the partitions are complete before this task reads them.
     */
    public record InputDescriptor(List<ChannelDescriptor> channels, boolean blocking) implements Serializable {}

    /**
     * One channel: subpartition {@code subpartition} of partition {@code partitionId}.
     *
     * @param producerAddress the data address of the producer's TaskManager, or null when the
     *     producer runs in the consumer's JVM and is read from memory
     */
    public record ChannelDescriptor(ResultPartitionId partitionId, int subpartition, DataAddress producerAddress)
            implements Serializable {

        /** A channel from a producer in the same JVM. */
        public ChannelDescriptor(ResultPartitionId partitionId, int subpartition) {
            this(partitionId, subpartition, null);
        }
    }

    /** E.g. {@code Map -> Filter (2/4)}. */
    public String taskNameWithSubtask() {
        return vertexName + " (" + (subtaskIndex + 1) + "/" + parallelism + ")";
    }
}
