package io.eddy.api.dataset;

import io.eddy.api.datastream.DataStream;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatJoinFunction;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.functions.rich.RichFunction;
import io.eddy.api.functions.rich.RuntimeContext;
import io.eddy.api.transformations.KeyFields;
import io.eddy.api.transformations.Operation;
import io.eddy.api.transformations.Transformation;
import io.eddy.api.transformations.TwoInputTransformation;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

/**
 * An equi-join of two DataSets, built as {@code left.join(right).where(...).equalTo(...)}, then
 * {@code .with(function)}; without a function the result is the {@code Tuple2(left, right)} pairs
 * (with null for the missing side of an outer join). It runs as a hybrid hash join in managed memory:
 * the build side (named by the {@link JoinHint}, else the smaller side by the optimizer's estimates) is
 * hashed, the other side probes it; partitions that do not fit spill to disk and are joined afterwards.
 * With {@link JoinHint#REPARTITION_SORT_MERGE} both sides are sorted instead and merged.
 */
public final class Join {
    private Join() {}

    /** A join whose left key is not given yet. */
    public static final class Unkeyed<L, R> {
        private final DataSet<L> left;
        private final DataSet<R> right;
        private final Operation.JoinKind kind;
        private final JoinHint hint;

        Unkeyed(DataSet<L> left, DataSet<R> right, Operation.JoinKind kind, JoinHint hint) {
            this.left = left;
            this.right = right;
            this.kind = kind;
            this.hint = hint;
        }

        public HalfKeyed<L, R> where(int... positions) {
            return new HalfKeyed<>(this, KeyFields.of(positions));
        }

        public HalfKeyed<L, R> where(String... fields) {
            return new HalfKeyed<>(this, KeyFields.of(fields));
        }
    }

    /** A join whose right key is not given yet. */
    public static final class HalfKeyed<L, R> {
        private final Unkeyed<L, R> join;
        private final KeyFields leftKeys;

        HalfKeyed(Unkeyed<L, R> join, KeyFields leftKeys) {
            this.join = join;
            this.leftKeys = leftKeys;
        }

        public Keyed<L, R> equalTo(int... positions) {
            return new Keyed<>(join, leftKeys, KeyFields.of(positions));
        }

        public Keyed<L, R> equalTo(String... fields) {
            return new Keyed<>(join, leftKeys, KeyFields.of(fields));
        }
    }

    /** A fully keyed join: a DataSet of {@code Tuple2(left, right)} pairs unless {@link #with} gives a function. */
    public static final class Keyed<L, R> extends DataSet<Tuple2<L, R>> {
        private final Unkeyed<L, R> join;
        private final KeyFields leftKeys;
        private final KeyFields rightKeys;

        Keyed(Unkeyed<L, R> join, KeyFields leftKeys, KeyFields rightKeys) {
            super(join.left.environment, build(join, leftKeys, rightKeys, new PairUp<>(),
                    Types.TUPLE(join.left.getType(), join.right.getType())));
            if (leftKeys.size() != rightKeys.size()) {
                throw new IllegalArgumentException("The join keys differ in length: where" + leftKeys + " has "
                        + leftKeys.size() + " fields, equalTo" + rightKeys + " has " + rightKeys.size());
            }
            this.join = join;
            this.leftKeys = leftKeys;
            this.rightKeys = rightKeys;
        }

        /** One output record per joined pair. */
        public <OUT> DataSet<OUT> with(JoinFunction<L, R, OUT> function) {
            TypeInfo<OUT> type = DataSet.outputType(function, JoinFunction.class, join.left.getType(), join.right.getType());
            return new DataSet<>(environment, build(join, leftKeys, rightKeys, new EachPair<>(function), type));
        }

        /** Any number of output records per joined pair. */
        public <OUT> DataSet<OUT> with(FlatJoinFunction<L, R, OUT> function) {
            TypeInfo<OUT> type = DataSet.outputType(function, FlatJoinFunction.class, join.left.getType(), join.right.getType());
            return new DataSet<>(environment, build(join, leftKeys, rightKeys, function, type));
        }
    }

    /**
     * The join as the program states it: both inputs hash-partitioned on their keys (the plan when
     * nothing better is known), and the hint, from which the optimizer picks the strategies.
     */
    private static <L, R, OUT> DataStream<OUT> build(Unkeyed<L, R> join, KeyFields leftKeys, KeyFields rightKeys,
            FlatJoinFunction<L, R, OUT> function, TypeInfo<OUT> type) {
        SolutionSetAccess solutionSet = SolutionSetAccess.of(join.left, leftKeys, join.right, rightKeys, "join");
        if (solutionSet != null) {
            if (join.kind != Operation.JoinKind.INNER) {
                throw new IllegalArgumentException("A " + join.kind + " join with the solution set of a delta iteration "
                        + "is not supported: join it with join(...), or coGroup with it to see the keys it lacks.");
            }
            return solutionSet.apply(join.left.environment, "SolutionSetJoin", type,
                    new Operation.SolutionSetJoin<>(function, solutionSet.solutionSetFirst(), solutionSet.iterationId(),
                            solutionSet.input().getType(), solutionSet.inputKeys()));
        }
        boolean broadcastLeft = join.hint == JoinHint.BROADCAST_HASH_FIRST;
        boolean broadcastRight = join.hint == JoinHint.BROADCAST_HASH_SECOND;
        if ((broadcastLeft && (join.kind == Operation.JoinKind.LEFT_OUTER || join.kind == Operation.JoinKind.FULL_OUTER))
                || (broadcastRight && (join.kind == Operation.JoinKind.RIGHT_OUTER || join.kind == Operation.JoinKind.FULL_OUTER))) {
            throw new IllegalArgumentException("A " + join.kind + " join cannot broadcast its outer side (hint " + join.hint
                    + "): every subtask would emit its unmatched records. Use a REPARTITION hint.");
        }
        TwoInputTransformation<L, R, OUT> t = new TwoInputTransformation<>(
                join.left.hashPartitioned(leftKeys).stream.getTransformation(),
                join.right.hashPartitioned(rightKeys).stream.getTransformation(), "Join",
                new Operation.EquiJoin<>(function, join.left.getType(), join.right.getType(), leftKeys, rightKeys,
                        join.kind, join.hint.ship, join.hint.local), type, Transformation.DEFAULT_PARALLELISM);
        return new DataStream<>(join.left.environment.streams(), t);
    }

    private static final class PairUp<L, R> implements FlatJoinFunction<L, R, Tuple2<L, R>> {
        @Override
        public void join(L first, R second, Collector<Tuple2<L, R>> out) {
            out.collect(Tuple2.of(first, second));
        }
    }

    /** A join function as a flat one; a rich function keeps its life cycle and runtime context. */
    private record EachPair<L, R, OUT>(JoinFunction<L, R, OUT> function) implements FlatJoinFunction<L, R, OUT>, RichFunction {
        @Override
        public void join(L first, R second, Collector<OUT> out) throws Exception {
            out.collect(function.join(first, second));
        }

        @Override
        public void open(OpenContext context) throws Exception {
            if (function instanceof RichFunction rich) {
                rich.open(context);
            }
        }

        @Override
        public void close() throws Exception {
            if (function instanceof RichFunction rich) {
                rich.close();
            }
        }

        @Override
        public RuntimeContext getRuntimeContext() {
            return function instanceof RichFunction rich ? rich.getRuntimeContext() : null;
        }

        @Override
        public void setRuntimeContext(RuntimeContext context) {
            if (function instanceof RichFunction rich) {
                rich.setRuntimeContext(context);
            }
        }
    }
}
