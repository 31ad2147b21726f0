package io.eddy.runtime.jobgraph;

import io.eddy.api.connector.source.Source;
import io.eddy.api.functions.KeySelector;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.partitioning.StreamPartitioner;
import io.eddy.api.types.serializers.TypeSerializer;

import java.io.Serializable;
import java.util.List;

/**
 * Everything a task needs to build its operator chain. Node 0 is the chain's head: the source of
 * a source vertex, or the operator that reads the vertex's inputs.
 *
 * @param source the source of a source vertex, else null
 * @param nodes the chained operators in topological order
 * @param inputs one per incoming {@link JobEdge}, same order
 * @param outputs one per outgoing {@link JobEdge}, same order
 */
public record ChainConfig(
        Source<?, ?> source,
        List<Node> nodes,
        List<Input> inputs,
        List<Output> outputs) implements Serializable {

    /**
     * One operator of the chain.
     *
     * @param operator the operator, or null for the source node of a source vertex
     * @param outputSerializer the serializer of the records it emits, used to copy them between
     *     chained operators when object reuse is off
     * @param chainedSuccessors indices of the nodes it calls directly
     * @param networkOutputs indices into {@link ChainConfig#outputs} it writes to
     * @param sideOutputs the consumers of its side outputs
     * @param keySerializer serializer of the key when the operator's input is keyed, else null
     */
    public record Node(
            String name,
            String uid,
            StreamOperator<?> operator,
            TypeSerializer<?> outputSerializer,
            List<Integer> chainedSuccessors,
            List<Integer> networkOutputs,
            List<SideOutput> sideOutputs,
            TypeSerializer<?> keySerializer) implements Serializable {}

    /** Where the records of one side output of a node go, like the main output's fields of {@link Node}. */
    public record SideOutput(
            String tagId,
            TypeSerializer<?> serializer,
            List<Integer> chainedSuccessors,
            List<Integer> networkOutputs) implements Serializable {}

    /**
     * One incoming exchange.
     *
     * @param logicalInput 0, or 1 for the second input of a two-input operator
     * @param keySelector extracts the key of the records of this input when the head is keyed
     */
    public record Input(TypeSerializer<?> serializer, int logicalInput, KeySelector<?, ?> keySelector)
            implements Serializable {}

    /** One outgoing exchange: how records are serialized and routed. */
    public record Output(TypeSerializer<?> serializer, StreamPartitioner<?> partitioner) implements Serializable {}
}
