package io.eddy.runtime.iteration;

import io.eddy.api.functions.OutputTag;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.transformations.IterationHeadTransformation;
import io.eddy.api.transformations.Operation;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.jobgraph.SerializedObjects;

import java.io.IOException;
import java.util.LinkedHashMap;

/**
 * How the compiler makes the operators of an iteration: its head, its tails, the wrapper that runs a
 * step function's operator per superstep, and the solution set joins. The operators' classes stay
 * package-private in what they share (the {@link IterationRegistry} meeting points).
 */
public final class IterationOperators {
    private IterationOperators() {}

    /** What the operators of {@code head}'s iteration share, at its resolved {@code parallelism}. */
    public static IterationSpec spec(IterationHeadTransformation<?> head, int parallelism) {
        return new IterationSpec(head.getId(), head.getKind() == IterationHeadTransformation.Kind.DELTA,
                head.getMaxIterations(), parallelism, new LinkedHashMap<>(head.getAggregators()),
                head.getConvergenceAggregator(), head.getConvergenceCriterion(), head.getTerminationCriterion() != null,
                head.describe());
    }

    /**
     * The head of {@code head}'s iteration.
     *
     * @param worksetType the type of the head's output: the partial solution (bulk) or the workset (delta)
     * @param solutionSetType the solution set's type (delta), or null
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static StreamOperator<?> head(IterationSpec spec, IterationHeadTransformation<?> head,
            TypeSerializer<?> outputSerializer, TypeInfo<?> solutionSetType, double memoryShare) {
        OutputTag<Object> resultTag = head.getResultTag();
        if (!spec.delta()) {
            return new BulkIterationHeadOperator(spec, resultTag, (TypeSerializer<Object>) outputSerializer, memoryShare);
        }
        return new DeltaIterationHeadOperator(spec, resultTag, (TypeSerializer<Object>) outputSerializer,
                (TypeInfo<Object>) solutionSetType, head.getSolutionSetKeys(), head.isSolutionSetUnmanaged(), memoryShare);
    }

    /** A tail; {@code serializer} is null for a termination criterion, of which only the count matters. */
    @SuppressWarnings("unchecked")
    public static StreamOperator<?> tail(IterationSpec spec, Feedback kind, TypeSerializer<?> serializer, double memoryShare) {
        return new FeedbackTailOperator(spec, kind, kind.carriesRecords() ? (TypeSerializer<Object>) serializer : null,
                memoryShare);
    }

    /** Whether a tail of {@code kind} takes managed memory. */
    public static boolean tailUsesMemory(Feedback kind) {
        return kind.carriesRecords();
    }

    /**
     * Runs {@code operator} of the step function once per superstep.
     *
     * @param staticInputs per logical input, its serializer when it comes from outside the iteration, else null
     * @param staticBroadcastSets per broadcast set, its serializer when it comes from outside the iteration, else null
     * @param broadcastInput the logical input the broadcast sets arrive on
     */
    @SuppressWarnings("unchecked")
    public static StreamOperator<?> perSuperstep(IterationSpec spec, StreamOperator<?> operator,
            TypeSerializer<?>[] staticInputs, TypeSerializer<?>[] staticBroadcastSets, int broadcastInput,
            double memoryShare) throws IOException {
        return new SuperstepOperator<>(spec, SerializedObjects.serialize(operator), (TypeSerializer<Object>[]) staticInputs,
                (TypeSerializer<Object>[]) staticBroadcastSets, broadcastInput, memoryShare);
    }

    /** Whether an operator of the step function with these static inputs takes managed memory to keep them. */
    public static boolean keepsStaticInput(TypeSerializer<?>[] staticInputs, TypeSerializer<?>[] staticBroadcastSets) {
        return SuperstepOperator.keepsStaticInput(staticInputs, staticBroadcastSets);
    }

    public static StreamOperator<?> solutionSetJoin(Operation.SolutionSetJoin<?, ?, ?> join) {
        return new SolutionSetJoinOperator<>(join);
    }

    public static StreamOperator<?> solutionSetCoGroup(Operation.SolutionSetCoGroup<?, ?, ?> coGroup, double memoryShare) {
        return new SolutionSetCoGroupOperator<>(coGroup, memoryShare);
    }
}
