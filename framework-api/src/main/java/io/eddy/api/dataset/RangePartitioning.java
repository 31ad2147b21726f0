package io.eddy.api.dataset;

import io.eddy.api.functions.CrossFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.partitioning.StreamPartitioner;
import io.eddy.api.transformations.KeyFields;
import io.eddy.api.transformations.Operation;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.FieldAccessor;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Range partitioning by sampled boundaries ({@code partitionByRange}), as three steps of the program:
 *
 * <ol>
 *   <li>every subtask draws a uniform sample of at most {@link #SAMPLE_PER_SUBTASK} keys of its records
 *       (reservoir sampling, no buffering of the records) and emits it at the end of its input;
 *   <li>one subtask merges and sorts the samples: the S sorted keys cut the key space into S + 1
 *       buckets (bucket b holds the keys between sample b - 1 and sample b);
 *   <li>the sorted sample is broadcast to a cross with the records (which wait in a spill file until it
 *       arrives); each record is tagged with its bucket's position in the key order, and the
 *       {@link RangePartitioner} sends it to the channel of that position, so every key of channel i
 *       is at most every key of channel i + 1, and equal keys share a channel.
 * </ol>
 *
 * Keys must be {@link Comparable} (numbers, strings, booleans, characters); several key fields compare
 * in order. Sorting each partition on the same key afterwards gives a total order across partitions.
 */
final class RangePartitioning {
    /** Keys sampled per subtask: enough for even partitions at any sensible parallelism. */
    static final int SAMPLE_PER_SUBTASK = 1000;
    /** Positions in the key order run from 0 to this (exclusive); a channel is a slice of them. */
    private static final int POSITIONS = 1 << 30;

    private RangePartitioning() {}

    static <T> DataSet<T> partition(DataSet<T> input, KeyFields keys) {
        TypeInfo<T> type = input.getType();
        Keys<T> keyOf = new Keys<>(KeyHashPartitioner.accessors(type, keys), keys);
        for (FieldAccessor<T, Object> field : keyOf.fields()) {
            Class<?> fieldClass = field.getFieldType().getTypeClass();
            if (!fieldClass.isPrimitive() && !Comparable.class.isAssignableFrom(fieldClass)) {
                throw new IllegalArgumentException("partitionByRange" + keys + " orders records by their keys, but a key "
                        + "field has type " + fieldClass.getName() + ", which is not Comparable: range-partition on a "
                        + "field of a number, String, Boolean or Character type, or use partitionCustom");
            }
        }
        TypeInfo<Object[]> sampleType = Types.GENERIC(Object[].class);
        DataSet<Object[]> samples = DataSet.apply(input, "Range: sample keys", sampleType,
                new Operation.Custom(new SampleKeys<>(keyOf)));
        DataSet<Object[]> boundaries = DataSet.apply(samples, "Range: boundaries", sampleType,
                new Operation.Custom(new SortSamples(keys))).setParallelism(1);
        DataSet<Tuple2<Integer, T>> tagged = input.cross(boundaries).with(new TagPosition<>(keyOf))
                .returns(Types.TUPLE(Types.INT, type)).name("Range: tag positions");
        return DataSet.apply(tagged.partitioned(new RangePartitioner<>()), "Range: untag", type,
                new Operation.Map<>(new Untag<T>()));
    }

    /** The key of a record: the field's value for one field, an {@code Object[]} of the values for several. */
    private record Keys<T>(FieldAccessor<T, Object>[] fields, KeyFields names) implements java.io.Serializable {
        Object of(T record) {
            if (fields.length == 1) {
                return fields[0].get(record);
            }
            Object[] key = new Object[fields.length];
            for (int i = 0; i < key.length; i++) {
                key[i] = fields[i].get(record);
            }
            return key;
        }
    }

    /** Natural order of keys, field by field for several; a key that is not Comparable fails with the fix. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b, KeyFields keys) {
        if (a instanceof Object[] x) {
            Object[] y = (Object[]) b;
            for (int i = 0; i < x.length; i++) {
                int c = compare(x[i], y[i], keys);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
        if (!(a instanceof Comparable c)) {
            throw new IllegalArgumentException("partitionByRange" + keys + " orders records by their keys, but key "
                    + a + " is a " + a.getClass().getName() + ", which is not Comparable: range-partition on a field of "
                    + "a number, String, Boolean or Character type, or use partitionCustom");
        }
        return c.compareTo(b);
    }

    /** Step 1: a reservoir sample of the subtask's keys, emitted at the end of its input. */
    private static final class SampleKeys<T> extends StreamOperator<Object[]> implements OneInputOperator<T> {
        private static final long serialVersionUID = 1L;

        private final Keys<T> keys;
        private transient List<Object> sample;
        private transient SplittableRandom random;
        private transient long seen;

        SampleKeys(Keys<T> keys) {
            this.keys = keys;
        }

        @Override
        public void open() {
            sample = new ArrayList<>(SAMPLE_PER_SUBTASK);
            random = new SplittableRandom(0x5A3D1L + context.getIndexOfThisSubtask());
        }

        @Override
        public void processElement(T value, long timestamp) {
            seen++;
            if (sample.size() < SAMPLE_PER_SUBTASK) {
                sample.add(keys.of(value));
            } else {
                long slot = random.nextLong(seen);
                if (slot < SAMPLE_PER_SUBTASK) {
                    sample.set((int) slot, keys.of(value));
                }
            }
        }

        @Override
        public void endInput() {
            output.collect(sample.toArray(), Long.MIN_VALUE);
        }
    }

    /** Step 2, at parallelism 1: all samples, merged and sorted. */
    private static final class SortSamples extends StreamOperator<Object[]> implements OneInputOperator<Object[]> {
        private static final long serialVersionUID = 1L;

        private final KeyFields keys;
        private transient List<Object> all;

        SortSamples(KeyFields keys) {
            this.keys = keys;
        }

        @Override
        public void open() {
            all = new ArrayList<>();
        }

        @Override
        public void processElement(Object[] sample, long timestamp) {
            all.addAll(Arrays.asList(sample));
        }

        @Override
        public void endInput() {
            Object[] sorted = all.toArray();
            Arrays.sort(sorted, (Comparator<Object>) (a, b) -> compare(a, b, keys));
            output.collect(sorted, Long.MIN_VALUE);
        }
    }

    /** Step 3: each record with its position in the key order, {@code bucket / (S + 1)} scaled to {@link #POSITIONS}. */
    private static final class TagPosition<T> implements CrossFunction<T, Object[], Tuple2<Integer, T>> {
        private static final long serialVersionUID = 1L;

        private final Keys<T> keys;
        /** Reused: the cross emits each result into the exchange, which serializes it at once. */
        private transient Tuple2<Integer, T> tagged;

        TagPosition(Keys<T> keys) {
            this.keys = keys;
        }

        @Override
        public Tuple2<Integer, T> cross(T record, Object[] sortedSample) {
            int found = Arrays.binarySearch(sortedSample, keys.of(record), (a, b) -> compare(a, b, keys.names()));
            long bucket = found >= 0 ? found : -found - 1;
            if (tagged == null) {
                tagged = new Tuple2<>();
            }
            tagged.f0 = (int) (bucket * POSITIONS / (sortedSample.length + 1));
            tagged.f1 = record;
            return tagged;
        }
    }

    /**
     * Sends a tagged record to the channel whose slice of the key order holds its position: channel
     * {@code position * n / POSITIONS}, so positions (and keys) grow with the channel index.
     */
    static final class RangePartitioner<T> extends StreamPartitioner<Tuple2<Integer, T>> {
        private static final long serialVersionUID = 1L;

        @Override
        public int selectChannel(Tuple2<Integer, T> record) {
            return (int) ((long) record.f0 * numberOfChannels / POSITIONS);
        }

        @Override
        public String name() {
            return "RANGE";
        }
    }

    private static final class Untag<T> implements MapFunction<Tuple2<Integer, T>, T> {
        private static final long serialVersionUID = 1L;

        @Override
        public T map(Tuple2<Integer, T> tagged) {
            return tagged.f1;
        }
    }
}
