package io.eddy.api.datastream;

import io.eddy.api.datastream.DataStream.TypeOrError;
import io.eddy.api.execution.InvalidProgramException;
import io.eddy.api.functions.CoGroupFunction;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.Function;
import io.eddy.api.functions.KeySelector;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.functions.rich.RichFunction;
import io.eddy.api.functions.rich.RuntimeContext;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.api.windowing.assigners.WindowAssigner;
import io.eddy.api.windowing.evictors.Evictor;
import io.eddy.api.windowing.functions.ProcessWindowFunction;
import io.eddy.api.windowing.triggers.Trigger;
import io.eddy.api.windowing.windows.Window;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.eddy.api.datastream.DataStream.check;
import static io.eddy.api.datastream.DataStream.extractOutputType;
import static io.eddy.api.datastream.DataStream.keyType;

/**
 * Two streams grouped together per key and window, built by
 * {@code first.coGroup(second).where(key1).equalTo(key2).window(assigner).apply(function)}: per key
 * and window, the {@link CoGroupFunction} gets the elements of both streams.
 *
 * <p>Both streams are tagged with their side ({@link TaggedUnion}), merged, keyed and windowed
 * like one stream, so every window assigner, trigger and evictor works, and session windows of a
 * key merge across both sides.
 */
public final class CoGroupedStreams<T1, T2> {
    private final DataStream<T1> input1;
    private final DataStream<T2> input2;

    CoGroupedStreams(DataStream<T1> input1, DataStream<T2> input2) {
        if (input1.getExecutionEnvironment() != input2.getExecutionEnvironment()) {
            throw new InvalidProgramException("Cannot join or co-group streams of different execution environments.");
        }
        this.input1 = input1;
        this.input2 = input2;
    }

    /** The key of the first stream's elements. */
    public <KEY> Where<KEY> where(KeySelector<T1, KEY> key) {
        return new Where<>(check(key, "where"), keyType(key, input1.getType(), "where"));
    }

    public <KEY> Where<KEY> where(KeySelector<T1, KEY> key, TypeInfo<KEY> keyType) {
        return new Where<>(check(key, "where"), keyType);
    }

    /** The first stream's key, waiting for the second's. */
    public final class Where<KEY> {
        private final KeySelector<T1, KEY> key1;
        private final TypeInfo<KEY> keyType;

        Where(KeySelector<T1, KEY> key1, TypeInfo<KEY> keyType) {
            this.key1 = key1;
            this.keyType = keyType;
        }

        /** The key of the second stream's elements; of the same type as the first's. */
        public EqualTo equalTo(KeySelector<T2, KEY> key) {
            return equalTo(key, keyType(key, input2.getType(), "equalTo"));
        }

        public EqualTo equalTo(KeySelector<T2, KEY> key, TypeInfo<KEY> keyType2) {
            if (!keyType.equals(keyType2)) {
                throw new InvalidProgramException("The keys of a join or co-group must have the same type, but "
                        + "where(...) gives " + keyType + " and equalTo(...) gives " + keyType2 + " (at "
                        + DataStream.callSite() + "): elements with equal keys must meet in one subtask.");
            }
            return new EqualTo(check(key, "equalTo"));
        }

        /** Both keys, waiting for the windows. */
        public final class EqualTo {
            private final KeySelector<T2, KEY> key2;

            EqualTo(KeySelector<T2, KEY> key2) {
                this.key2 = key2;
            }

            /** Groups the elements of each key, from both streams, into the windows of {@code assigner}. */
            public <W extends Window> WithWindow<T1, T2, KEY, W> window(
                    WindowAssigner<? super TaggedUnion<T1, T2>, W> assigner) {
                TypeInfo<TaggedUnion<T1, T2>> unionType = TaggedUnion.type(input1.getType(), input2.getType());
                DataStream<TaggedUnion<T1, T2>> tagged = input1
                        .map(TaggedUnion::<T1, T2>first, unionType).name("Tag first input")
                        .union(input2.map(TaggedUnion::<T1, T2>second, unionType).name("Tag second input"));
                KeyedStream<TaggedUnion<T1, T2>, KEY> keyed = tagged.keyBy(new KeyOfEitherSide<>(key1, key2), keyType);
                return new WithWindow<>(keyed.window(assigner), input1.getType(), input2.getType());
            }
        }
    }

    /** The co-group with its windows: optionally a trigger, evictor and lateness, then the function. */
    public static final class WithWindow<T1, T2, KEY, W extends Window> {
        private final WindowedStream<TaggedUnion<T1, T2>, KEY, W> windows;
        private final TypeInfo<T1> type1;
        private final TypeInfo<T2> type2;

        WithWindow(WindowedStream<TaggedUnion<T1, T2>, KEY, W> windows, TypeInfo<T1> type1, TypeInfo<T2> type2) {
            this.windows = windows;
            this.type1 = type1;
            this.type2 = type2;
        }

        /** Replaces the window assigner's default trigger. */
        public WithWindow<T1, T2, KEY, W> trigger(Trigger<? super TaggedUnion<T1, T2>, ? super W> trigger) {
            windows.trigger(trigger);
            return this;
        }

        /** Removes elements of either side when a window fires. */
        public WithWindow<T1, T2, KEY, W> evictor(Evictor<? super TaggedUnion<T1, T2>, ? super W> evictor) {
            windows.evictor(evictor);
            return this;
        }

        /** Keeps event-time windows for {@code lateness} past their end; late elements fire them again. */
        public WithWindow<T1, T2, KEY, W> allowedLateness(Duration lateness) {
            windows.allowedLateness(lateness);
            return this;
        }

        public <OUT> SingleOutputStreamOperator<OUT> apply(CoGroupFunction<T1, T2, OUT> function) {
            check(function, "coGroup");
            return apply("CoGroup", function, function,
                    extractOutputType(function, CoGroupFunction.class, 2, "coGroup", type1, type2));
        }

        public <OUT> SingleOutputStreamOperator<OUT> apply(CoGroupFunction<T1, T2, OUT> function,
                TypeInfo<OUT> outputType) {
            return apply("CoGroup", check(function, "coGroup"), function, new TypeOrError<>(outputType, null));
        }

        TypeInfo<T1> firstType() {
            return type1;
        }

        TypeInfo<T2> secondType() {
            return type2;
        }

        /**
         * Evaluates each window with {@code coGroup}; {@code userFunction}, the function the program
         * gave (which {@code coGroup} may wrap), gets the life cycle calls of a rich function.
         */
        <OUT> SingleOutputStreamOperator<OUT> apply(String operation, CoGroupFunction<T1, T2, OUT> coGroup,
                Function userFunction, TypeOrError<OUT> outputType) {
            return windows.process(operation, new CoGroupWindowFunction<>(coGroup, userFunction), outputType);
        }
    }

    /**
     * An element of either stream: exactly one of the components is set. Its type is a record
     * type, so it is serialized with a null mask and the set side's own serializer.
     */
    public record TaggedUnion<T1, T2>(T1 one, T2 two) {
        public static <T1, T2> TaggedUnion<T1, T2> first(T1 value) {
            return new TaggedUnion<>(value, null);
        }

        public static <T1, T2> TaggedUnion<T1, T2> second(T2 value) {
            return new TaggedUnion<>(null, value);
        }

        public boolean isFirst() {
            return one != null;
        }

        static <T1, T2> TypeInfo<TaggedUnion<T1, T2>> type(TypeInfo<T1> type1, TypeInfo<T2> type2) {
            return Types.RECORD(TaggedUnion.class, type1, type2);
        }
    }

    /** The key of a tagged element, by the selector of its side. */
    private record KeyOfEitherSide<T1, T2, KEY>(KeySelector<T1, KEY> key1, KeySelector<T2, KEY> key2)
            implements KeySelector<TaggedUnion<T1, T2>, KEY> {
        @Override
        public KEY getKey(TaggedUnion<T1, T2> value) throws Exception {
            return value.isFirst() ? key1.getKey(value.one()) : key2.getKey(value.two());
        }
    }

    /** Splits a window's tagged elements by side and co-groups them. */
    private static final class CoGroupWindowFunction<T1, T2, OUT, KEY, W extends Window>
            extends ProcessWindowFunction<TaggedUnion<T1, T2>, OUT, KEY, W> {
        private static final long serialVersionUID = 1L;

        private final CoGroupFunction<T1, T2, OUT> coGroup;
        private final Function userFunction;

        CoGroupWindowFunction(CoGroupFunction<T1, T2, OUT> coGroup, Function userFunction) {
            this.coGroup = coGroup;
            this.userFunction = userFunction;
        }

        @Override
        public void setRuntimeContext(RuntimeContext context) {
            super.setRuntimeContext(context);
            if (userFunction instanceof RichFunction rich) {
                rich.setRuntimeContext(context);
            }
        }

        @Override
        public void open(OpenContext context) throws Exception {
            if (userFunction instanceof RichFunction rich) {
                rich.open(context);
            }
        }

        @Override
        public void close() throws Exception {
            if (userFunction instanceof RichFunction rich) {
                rich.close();
            }
        }

        @Override
        public void process(KEY key, Context context, Iterable<TaggedUnion<T1, T2>> elements, Collector<OUT> out)
                throws Exception {
            List<T1> first = new ArrayList<>();
            List<T2> second = new ArrayList<>();
            for (TaggedUnion<T1, T2> element : elements) {
                if (element.isFirst()) {
                    first.add(element.one());
                } else {
                    second.add(element.two());
                }
            }
            coGroup.coGroup(first, second, out);
        }
    }
}
