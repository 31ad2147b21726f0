package io.eddy.api.dataset;

import io.eddy.api.datastream.DataStream;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatJoinFunction;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.functions.KeySelector;
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
            return new HalfKeyed<>(this, KeyedInput.byFields(left, KeyFields.of(positions)));
        }

        public HalfKeyed<L, R> where(String... fields) {
            return new HalfKeyed<>(this, KeyedInput.byFields(left, KeyFields.of(fields)));
        }

        /** The left key as {@code selector} extracts it (a boolean, number, char, String or tuple of them). */
        public <K> HalfKeyed<L, R> where(KeySelector<L, K> selector) {
            return new HalfKeyed<>(this, KeyedInput.bySelector(left, selector, "join(...).where(keySelector)"));
        }
    }

    /** A join whose right key is not given yet. */
    public static final class HalfKeyed<L, R> {
        private final Unkeyed<L, R> join;
        private final KeyedInput left;

        HalfKeyed(Unkeyed<L, R> join, KeyedInput left) {
            this.join = join;
            this.left = left;
        }

        public Keyed<L, R> equalTo(int... positions) {
            return new Keyed<>(join, left, KeyedInput.byFields(join.right, KeyFields.of(positions)));
        }

        public Keyed<L, R> equalTo(String... fields) {
            return new Keyed<>(join, left, KeyedInput.byFields(join.right, KeyFields.of(fields)));
        }

        /** The right key as {@code selector} extracts it, of the left key's type. */
        public <K> Keyed<L, R> equalTo(KeySelector<R, K> selector) {
            return new Keyed<>(join, left, KeyedInput.bySelector(join.right, selector, "join(...).equalTo(keySelector)"));
        }
    }

    /** A fully keyed join: a DataSet of {@code Tuple2(left, right)} pairs unless {@link #with} gives a function. */
    public static final class Keyed<L, R> extends DataSet<Tuple2<L, R>> {
        private final Unkeyed<L, R> join;
        private final KeyedInput left;
        private final KeyedInput right;

        Keyed(Unkeyed<L, R> join, KeyedInput left, KeyedInput right) {
            super(join.left.environment, build(join, checked(left, right), right, new PairUp<>(),
                    Types.TUPLE(join.left.getType(), join.right.getType())));
            this.join = join;
            this.left = left;
            this.right = right;
        }

        private static KeyedInput checked(KeyedInput left, KeyedInput right) {
            if (left.keys().size() != right.keys().size()) {
                throw new IllegalArgumentException("The join keys differ in length: where" + left.keys() + " has "
                        + left.keys().size() + " fields, equalTo" + right.keys() + " has " + right.keys().size());
            }
            return left;
        }

        /** One output record per joined pair. */
        public <OUT> DataSet<OUT> with(JoinFunction<L, R, OUT> function) {
            TypeInfo<OUT> type = DataSet.outputType(function, JoinFunction.class, join.left.getType(), join.right.getType());
            return new DataSet<>(environment, build(join, left, right, new EachPair<>(function), type));
        }

        /** Any number of output records per joined pair. */
        public <OUT> DataSet<OUT> with(FlatJoinFunction<L, R, OUT> function) {
            TypeInfo<OUT> type = DataSet.outputType(function, FlatJoinFunction.class, join.left.getType(), join.right.getType());
            return new DataSet<>(environment, build(join, left, right, function, type));
        }
    }

    /**
     * The join as the program states it: both inputs hash-partitioned on their keys (the plan when
     * nothing better is known), and the hint, from which the optimizer picks the strategies. An input
     * keyed by a selector arrives paired with its keys, and the function gets its records unpaired.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <L, R, OUT> DataStream<OUT> build(Unkeyed<L, R> join, KeyedInput left, KeyedInput right,
            FlatJoinFunction<L, R, OUT> userFunction, TypeInfo<OUT> type) {
        FlatJoinFunction function = left.paired() || right.paired()
                ? new Unpaired<>(userFunction, left.paired(), right.paired()) : userFunction;
        SolutionSetAccess solutionSet = SolutionSetAccess.of(left, right, "join");
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
        TwoInputTransformation<?, ?, OUT> t = new TwoInputTransformation<>(
                left.data().hashPartitioned(left.keys()).stream.getTransformation(),
                right.data().hashPartitioned(right.keys()).stream.getTransformation(), "Join",
                new Operation.EquiJoin<>(function, left.data().getType(), right.data().getType(), left.keys(), right.keys(),
                        join.kind, join.hint.ship, join.hint.local), type, Transformation.DEFAULT_PARALLELISM);
        return new DataStream<>(join.left.environment.streams(), t);
    }

    private static final class PairUp<L, R> implements FlatJoinFunction<L, R, Tuple2<L, R>> {
        @Override
        public void join(L first, R second, Collector<Tuple2<L, R>> out) {
            out.collect(Tuple2.of(first, second));
        }
    }

    /** A join function as a flat one. */
    private static final class EachPair<L, R, OUT> extends DelegatingRichFunction implements FlatJoinFunction<L, R, OUT> {
        private static final long serialVersionUID = 1L;

        EachPair(JoinFunction<L, R, OUT> function) {
            super(function);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void join(L first, R second, Collector<OUT> out) throws Exception {
            out.collect(((JoinFunction<L, R, OUT>) delegate).join(first, second));
        }
    }

    /** The program's join function behind inputs keyed by selectors, which arrive paired with their keys. */
    private static final class Unpaired<L, R, OUT> extends DelegatingRichFunction implements FlatJoinFunction<Object, Object, OUT> {
        private static final long serialVersionUID = 1L;

        private final boolean leftPaired;
        private final boolean rightPaired;

        Unpaired(FlatJoinFunction<L, R, OUT> function, boolean leftPaired, boolean rightPaired) {
            super(function);
            this.leftPaired = leftPaired;
            this.rightPaired = rightPaired;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void join(Object first, Object second, Collector<OUT> out) throws Exception {
            ((FlatJoinFunction<L, R, OUT>) delegate).join(leftPaired ? SelectorKey.recordOf(first) : (L) first,
                    rightPaired ? SelectorKey.recordOf(second) : (R) second, out);
        }
    }
}
