package io.eddy.api.transformations;

import io.eddy.api.connector.sink.Sink;
import io.eddy.api.connector.sink.TwoPhaseCommitSink;
import io.eddy.api.eventtime.WatermarkStrategy;
import io.eddy.api.functions.AggregateFunction;
import io.eddy.api.functions.process.BroadcastProcessFunction;
import io.eddy.api.functions.CoFlatMapFunction;
import io.eddy.api.functions.CoMapFunction;
import io.eddy.api.functions.CoGroupFunction;
import io.eddy.api.functions.CrossFunction;
import io.eddy.api.functions.process.CoProcessFunction;
import io.eddy.api.functions.FilterFunction;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.functions.FlatJoinFunction;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.process.KeyedBroadcastProcessFunction;
import io.eddy.api.functions.process.KeyedCoProcessFunction;
import io.eddy.api.functions.process.KeyedProcessFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.OutputTag;
import io.eddy.api.functions.process.ProcessFunction;
import io.eddy.api.functions.process.ProcessJoinFunction;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.windowing.assigners.MergingWindowAssigner;
import io.eddy.api.windowing.assigners.WindowAssigner;
import io.eddy.api.windowing.evictors.Evictor;
import io.eddy.api.windowing.functions.ProcessWindowFunction;
import io.eddy.api.windowing.triggers.Trigger;
import io.eddy.api.windowing.windows.Window;

import java.io.Serializable;
import java.util.List;

/**
 * What an operator transformation computes, as the user asked for it: a built-in operation with
 * the user's functions and settings, or a user's own {@link StreamOperator}. The API only records
 * these; the runtime translates each kind into its operator when it compiles the pipeline, so
 * operator implementations are no part of the user's contract.
 *
 * <p>Values are immutable and serializable (they carry only the user's serializable functions).
 */
public sealed interface Operation extends Serializable {

    /** A user's own operator, applied with {@code transform(name, type, operator)}. */
    record Custom(StreamOperator<?> operator) implements Operation {}

    record Map<IN, OUT>(MapFunction<IN, OUT> function) implements Operation {}

    record FlatMap<IN, OUT>(FlatMapFunction<IN, OUT> function) implements Operation {}

    record Filter<T>(FilterFunction<T> function) implements Operation {}

    record Process<IN, OUT>(ProcessFunction<IN, OUT> function) implements Operation {}

    record KeyedProcess<K, IN, OUT>(KeyedProcessFunction<K, IN, OUT> function) implements Operation {}

    /** A running reduction per key; {@code type} is the type of the values (and of the reduction). */
    record Reduce<T>(ReduceFunction<T> function, TypeInfo<T> type) implements Operation {}

    record AssignTimestamps<T>(WatermarkStrategy<T> strategy) implements Operation {}

    record SinkTo<T>(Sink<T> sink) implements Operation {}

    /** Writes to {@code sink} in transactions that are published per completed checkpoint. */
    record TwoPhaseCommitSinkTo<T, TXN>(TwoPhaseCommitSink<T, TXN> sink) implements Operation {}

    record CoMap<IN1, IN2, OUT>(CoMapFunction<IN1, IN2, OUT> function) implements Operation {}

    record CoFlatMap<IN1, IN2, OUT>(CoFlatMapFunction<IN1, IN2, OUT> function) implements Operation {}

    record CoProcess<IN1, IN2, OUT>(CoProcessFunction<IN1, IN2, OUT> function) implements Operation {}

    record KeyedCoProcess<K, IN1, IN2, OUT>(KeyedCoProcessFunction<K, IN1, IN2, OUT> function)
            implements Operation {}

    /** Input 2 is broadcast; its elements update the states of {@code broadcastStates}. */
    record BroadcastProcess<IN1, IN2, OUT>(BroadcastProcessFunction<IN1, IN2, OUT> function,
            List<MapStateDescriptor<?, ?>> broadcastStates) implements Operation {
        public BroadcastProcess {
            broadcastStates = List.copyOf(broadcastStates);
        }
    }

    record KeyedBroadcastProcess<K, IN1, IN2, OUT>(KeyedBroadcastProcessFunction<K, IN1, IN2, OUT> function,
            List<MapStateDescriptor<?, ?>> broadcastStates) implements Operation {
        public KeyedBroadcastProcess {
            broadcastStates = List.copyOf(broadcastStates);
        }
    }

    /**
     * Joins each left element with the right elements of the same key whose timestamps lie in
     * {@code [left.ts + lower, left.ts + upper]}.
     *
     * @param lateLeft where late left elements go, or null to drop them
     * @param lateRight where late right elements go, or null to drop them
     */
    record IntervalJoin<T1, T2, OUT>(ProcessJoinFunction<T1, T2, OUT> function, long lower, long upper,
            TypeInfo<T1> leftType, TypeInfo<T2> rightType, OutputTag<T1> lateLeft, OutputTag<T2> lateRight)
            implements Operation {
        public IntervalJoin {
            if (lower > upper) {
                throw new IllegalArgumentException("The lower bound " + lower + " ms of the interval join is above "
                        + "the upper bound " + upper + " ms: swap them in between(lower, upper).");
            }
        }
    }

    /**
     * Windows of a keyed stream. Contents are kept incrementally with {@code reducer} or
     * {@code aggregator} (one of them, or neither to keep all elements); {@code function} gets the
     * contents when the trigger fires.
     *
     * @param evictor null when no elements are evicted
     * @param lateDataTag where late elements go, or null to drop them
     * @param accumulatorType the accumulator's type, with {@code aggregator} only
     */
    record WindowAggregation<K, IN, V, OUT, W extends Window>(WindowAssigner<? super IN, W> assigner,
            Trigger<? super IN, ? super W> trigger, Evictor<? super IN, ? super W> evictor, TypeInfo<IN> inputType,
            long allowedLateness, OutputTag<IN> lateDataTag, ReduceFunction<IN> reducer,
            AggregateFunction<IN, ?, V> aggregator, TypeInfo<?> accumulatorType,
            ProcessWindowFunction<V, OUT, K, W> function) implements Operation {
        public WindowAggregation {
            if (assigner instanceof MergingWindowAssigner && !trigger.canMerge()) {
                throw new IllegalArgumentException(assigner + " merges windows, but trigger " + trigger
                        + " does not support merging (canMerge() is false): use a trigger that can merge.");
            }
            if (reducer != null && aggregator != null) {
                throw new IllegalArgumentException(
                        "A window keeps its contents with a reducer or an aggregator, not both");
            }
        }
    }

    /**
     * A batch operation that works on serialized records in managed memory (sorts, hash tables) and
     * emits its results when its input ends. The runtime divides a slot's managed memory evenly among
     * the batch operations of a job.
     */
    sealed interface Batch extends Operation {}

    /**
     * The combiner of a grouped reduce as the program states it: the batch optimizer turns it into a
     * {@link HashCombine}, a {@link SortReduce}, a {@link SortedReduce} or nothing, by {@code strategy}
     * and what it knows of the input.
     */
    record Combine<T>(ReduceFunction<T> function, TypeInfo<T> type, KeyFields keys, CombineStrategy strategy)
            implements Batch {}

    /** How the program asked a grouped reduce to combine; {@code ANY} leaves it to the optimizer. */
    enum CombineStrategy { ANY, HASH, SORT, NONE }

    /**
     * Reduces records with equal {@code keys} in a hash table before the shuffle (a combiner): partial
     * results leave whenever the table is full, and at the end of the input.
     */
    record HashCombine<T>(ReduceFunction<T> function, TypeInfo<T> type, KeyFields keys) implements Batch {}

    /**
     * Reduces an input that arrives sorted (or at least grouped) by {@code keys}: each run of equal keys
     * becomes one record as it streams by, with no sort and no managed memory; the output keeps the order.
     */
    record SortedReduce<T>(ReduceFunction<T> function, TypeInfo<T> type, KeyFields keys) implements Batch {}

    /**
     * Sorts its input by {@code keys} (reducing while sorting) and emits one reduced record per key, in
     * ascending key order (the batch optimizer relies on that order to drop a partition sort after it).
     */
    record SortReduce<T>(ReduceFunction<T> function, TypeInfo<T> type, KeyFields keys) implements Batch {}

    /**
     * Reduces its input in a hash table keyed by {@code keys} (spilling partitions of keys to disk when
     * it is full) and emits one reduced record per key, in no particular order: the batch optimizer's
     * choice for a {@link SortReduce} whose input arrives unsorted and whose order nobody needs.
     */
    record HashReduce<T>(ReduceFunction<T> function, TypeInfo<T> type, KeyFields keys) implements Batch {}

    /**
     * Sorts its input by {@code keys}, then by {@code order} within a key (null for no order), and hands
     * each key's records to {@code function}. With {@code keys} null the whole partition is one group.
     */
    record SortGroupReduce<IN, OUT>(GroupReduceFunction<IN, OUT> function, TypeInfo<IN> type, KeyFields keys,
            KeyFields order, boolean[] orderAscending) implements Batch {}

    /** Sorts its input by {@code order} (a sorted partition). */
    record SortPartition<T>(TypeInfo<T> type, KeyFields order, boolean[] ascending) implements Batch {}

    /** Which unmatched records an equi-join emits besides the matching pairs. */
    enum JoinKind { INNER, LEFT_OUTER, RIGHT_OUTER, FULL_OUTER }

    /**
     * An equi-join of input 1 (left) and input 2 (right) on their key fields through a hybrid hash
     * join: one side (the left when {@code buildLeft}) is built into a hash table, the other probes it.
     */
    record HashJoin<L, R, OUT>(FlatJoinFunction<L, R, OUT> function, TypeInfo<L> leftType, TypeInfo<R> rightType,
            KeyFields leftKeys, KeyFields rightKeys, JoinKind kind, boolean buildLeft) implements Batch {}

    /**
     * An equi-join as the program states it, with the program's hints. The batch optimizer picks how it
     * runs (a {@link HashJoin} and its build side, or a {@link SortMergeCoGroup}) and how each input
     * ships (hash-partitioned, broadcast or forward), following the hints where given.
     */
    record EquiJoin<L, R, OUT>(FlatJoinFunction<L, R, OUT> function, TypeInfo<L> leftType, TypeInfo<R> rightType,
            KeyFields leftKeys, KeyFields rightKeys, JoinKind kind, JoinShipHint ship, JoinLocalHint local)
            implements Batch {}

    /** Where the program asked a join's inputs to go; {@code ANY} leaves it to the optimizer. */
    enum JoinShipHint { ANY, BROADCAST_FIRST, BROADCAST_SECOND, REPARTITION }

    /** How the program asked a join to match its inputs; {@code ANY} leaves it to the optimizer. */
    enum JoinLocalHint { ANY, HASH_BUILD_FIRST, HASH_BUILD_SECOND, SORT_MERGE }

    /**
     * Sorts both inputs by their keys and merges them: {@code coGroup} gets the records of each key from
     * both sides (one side empty when the key is missing there). A sort-merge join is a co-group whose
     * function is the join of the two groups ({@code join} non-null, then {@code coGroup} is null).
     */
    record SortMergeCoGroup<L, R, OUT>(CoGroupFunction<L, R, OUT> coGroup, FlatJoinFunction<L, R, OUT> join,
            JoinKind joinKind, TypeInfo<L> leftType, TypeInfo<R> rightType, KeyFields leftKeys, KeyFields rightKeys)
            implements Batch {}

    /** Every pair of a record of input 1 with one of input 2 (which is broadcast and kept whole). */
    record Cross<L, R, OUT>(CrossFunction<L, R, OUT> function, TypeInfo<L> leftType, TypeInfo<R> rightType)
            implements Batch {}

    /**
     * A join of input 1 with the solution set of delta iteration {@code iterationId}: each record is
     * looked up by {@code inputKeys} in the subtask's part of the solution set (keyed by the iteration's
     * key) and joined with the record found, if any. {@code solutionSetFirst} says on which side of the
     * user's function the solution set record goes. Input 1 arrives partitioned like the solution set.
     */
    record SolutionSetJoin<IN, S, OUT>(FlatJoinFunction<?, ?, OUT> function, boolean solutionSetFirst, int iterationId,
            TypeInfo<IN> inputType, KeyFields inputKeys) implements Operation {}

    /**
     * A co-group of input 1 with the solution set of delta iteration {@code iterationId}: per key of the
     * input's records, the function gets those records and the solution set's record of that key (or
     * none), on the sides {@code solutionSetFirst} says.
     */
    record SolutionSetCoGroup<IN, S, OUT>(CoGroupFunction<?, ?, OUT> function, boolean solutionSetFirst, int iterationId,
            TypeInfo<IN> inputType, KeyFields inputKeys) implements Operation {}
}
