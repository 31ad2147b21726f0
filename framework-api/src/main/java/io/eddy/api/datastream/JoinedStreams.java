package io.eddy.api.datastream;

import io.eddy.api.datastream.CoGroupedStreams.TaggedUnion;
import io.eddy.api.datastream.DataStream.TypeOrError;
import io.eddy.api.functions.CoGroupFunction;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatJoinFunction;
import io.eddy.api.functions.Function;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.functions.KeySelector;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.windowing.assigners.WindowAssigner;
import io.eddy.api.windowing.evictors.Evictor;
import io.eddy.api.windowing.triggers.Trigger;
import io.eddy.api.windowing.windows.Window;

import java.time.Duration;

import static io.eddy.api.datastream.DataStream.check;
import static io.eddy.api.datastream.DataStream.extractOutputType;

/**
 * An inner join of two streams per key and window, built by
 * {@code first.join(second).where(key1).equalTo(key2).window(assigner).apply(function)}: the
 * function gets every pair of elements, one of each stream, with the same key in the same window.
 * It is a {@link CoGroupedStreams co-group} that emits the cross product of each key's two sides,
 * so a key seen by only one stream in a window produces nothing.
 */
public final class JoinedStreams<T1, T2> {
    private final CoGroupedStreams<T1, T2> coGrouped;

    JoinedStreams(DataStream<T1> input1, DataStream<T2> input2) {
        this.coGrouped = new CoGroupedStreams<>(input1, input2);
    }

    /** The key of the first stream's elements. */
    public <KEY> Where<KEY> where(KeySelector<T1, KEY> key) {
        return new Where<>(coGrouped.where(key));
    }

    public <KEY> Where<KEY> where(KeySelector<T1, KEY> key, TypeInfo<KEY> keyType) {
        return new Where<>(coGrouped.where(key, keyType));
    }

    /** The first stream's key, waiting for the second's. */
    public final class Where<KEY> {
        private final CoGroupedStreams<T1, T2>.Where<KEY> where;

        Where(CoGroupedStreams<T1, T2>.Where<KEY> where) {
            this.where = where;
        }

        /** The key of the second stream's elements; of the same type as the first's. */
        public EqualTo equalTo(KeySelector<T2, KEY> key) {
            return new EqualTo(where.equalTo(key));
        }

        public EqualTo equalTo(KeySelector<T2, KEY> key, TypeInfo<KEY> keyType) {
            return new EqualTo(where.equalTo(key, keyType));
        }

        /** Both keys, waiting for the windows. */
        public final class EqualTo {
            private final CoGroupedStreams<T1, T2>.Where<KEY>.EqualTo equalTo;

            EqualTo(CoGroupedStreams<T1, T2>.Where<KEY>.EqualTo equalTo) {
                this.equalTo = equalTo;
            }

            /** Joins the elements of each key that fall into the same window of {@code assigner}. */
            public <W extends Window> WithWindow<T1, T2, KEY, W> window(
                    WindowAssigner<? super TaggedUnion<T1, T2>, W> assigner) {
                return new WithWindow<>(equalTo.window(assigner));
            }
        }
    }

    /** The join with its windows: optionally a trigger, evictor and lateness, then the join function. */
    public static final class WithWindow<T1, T2, KEY, W extends Window> {
        private final CoGroupedStreams.WithWindow<T1, T2, KEY, W> coGroup;

        WithWindow(CoGroupedStreams.WithWindow<T1, T2, KEY, W> coGroup) {
            this.coGroup = coGroup;
        }

        /** Replaces the window assigner's default trigger. */
        public WithWindow<T1, T2, KEY, W> trigger(Trigger<? super TaggedUnion<T1, T2>, ? super W> trigger) {
            coGroup.trigger(trigger);
            return this;
        }

        /** Removes elements of either side when a window fires. */
        public WithWindow<T1, T2, KEY, W> evictor(Evictor<? super TaggedUnion<T1, T2>, ? super W> evictor) {
            coGroup.evictor(evictor);
            return this;
        }

        /** Keeps event-time windows for {@code lateness} past their end; late elements fire them again. */
        public WithWindow<T1, T2, KEY, W> allowedLateness(Duration lateness) {
            coGroup.allowedLateness(lateness);
            return this;
        }

        /** One result per matched pair. */
        public <OUT> SingleOutputStreamOperator<OUT> apply(JoinFunction<T1, T2, OUT> function) {
            check(function, "join");
            return apply(new Flattened<>(function), function, extractOutputType(function, JoinFunction.class, 2,
                    "join", coGroup.firstType(), coGroup.secondType()));
        }

        public <OUT> SingleOutputStreamOperator<OUT> apply(JoinFunction<T1, T2, OUT> function,
                TypeInfo<OUT> outputType) {
            return apply(new Flattened<>(check(function, "join")), function, new TypeOrError<>(outputType, null));
        }

        /** Any number of results per matched pair. */
        public <OUT> SingleOutputStreamOperator<OUT> apply(FlatJoinFunction<T1, T2, OUT> function) {
            check(function, "join");
            return apply(function, function, extractOutputType(function, FlatJoinFunction.class, 2, "join",
                    coGroup.firstType(), coGroup.secondType()));
        }

        public <OUT> SingleOutputStreamOperator<OUT> apply(FlatJoinFunction<T1, T2, OUT> function,
                TypeInfo<OUT> outputType) {
            return apply(check(function, "join"), function, new TypeOrError<>(outputType, null));
        }

        private <OUT> SingleOutputStreamOperator<OUT> apply(FlatJoinFunction<T1, T2, OUT> join,
                Function userFunction, TypeOrError<OUT> outputType) {
            return coGroup.apply("Join", new CrossProduct<>(join), userFunction, outputType);
        }
    }

    /** Joins every element of one side with every element of the other. */
    private record CrossProduct<T1, T2, OUT>(FlatJoinFunction<T1, T2, OUT> join)
            implements CoGroupFunction<T1, T2, OUT> {
        @Override
        public void coGroup(Iterable<T1> first, Iterable<T2> second, Collector<OUT> out) throws Exception {
            for (T1 a : first) {
                for (T2 b : second) {
                    join.join(a, b, out);
                }
            }
        }
    }

    /** A join function with exactly one result per pair. */
    private record Flattened<T1, T2, OUT>(JoinFunction<T1, T2, OUT> join) implements FlatJoinFunction<T1, T2, OUT> {
        @Override
        public void join(T1 first, T2 second, Collector<OUT> out) throws Exception {
            out.collect(join.join(first, second));
        }
    }
}
