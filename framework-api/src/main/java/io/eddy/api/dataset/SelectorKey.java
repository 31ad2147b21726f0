package io.eddy.api.dataset;

import io.eddy.api.functions.KeySelector;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.transformations.Operation;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.InvalidTypesException;
import io.eddy.api.types.TypeExtractor;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

/**
 * A key given by a {@link KeySelector}. The runtime compares and hashes keys as fields of serialized
 * records, so an operation keyed by a selector runs on {@code Tuple2(key, record)} pairs keyed by
 * field 0 ({@link #pair}), and the user's function sees the records again ({@link #unpair}). The key
 * must be a type the runtime can compare: a boolean, number, char, String, or a tuple of them.
 */
record SelectorKey<T, K>(KeySelector<T, K> selector, TypeInfo<K> keyType) {

    /**
     * The selector with the key type its signature declares.
     *
     * @param call how the program gave the selector, for the message when the type cannot be found
     */
    static <T, K> SelectorKey<T, K> of(KeySelector<T, K> selector, TypeInfo<T> inputType, String call) {
        if (selector == null) {
            throw new IllegalArgumentException(call + " got a null KeySelector: give a function that returns the key");
        }
        try {
            return new SelectorKey<>(selector, TypeExtractor.getOutputType(selector, KeySelector.class, 1, inputType));
        } catch (InvalidTypesException e) {
            throw new InvalidTypesException("Cannot determine the key type of " + call + ": " + e.getMessage()
                    + " Give the selector as a class whose KeySelector<IN, KEY> type arguments name the key type.", e);
        }
    }

    /** The type of the pairs {@link #pair} makes of records of {@code recordType}. */
    TypeInfo<Tuple2<K, T>> pairType(TypeInfo<T> recordType) {
        return Types.TUPLE(keyType, recordType);
    }

    /** Each record of {@code input} as {@code Tuple2(key, record)}. */
    DataSet<Tuple2<K, T>> pair(DataSet<T> input) {
        return DataSet.apply(input, "Extract key", pairType(input.getType()), new Operation.Map<>(new PairWithKey<>(selector)));
    }

    /** The records of {@code pairs}, without their keys. */
    static <K, T> DataSet<T> unpair(DataSet<Tuple2<K, T>> pairs, TypeInfo<T> recordType) {
        return DataSet.apply(pairs, "Drop key", recordType, new Operation.Map<>(new DropKey<K, T>()));
    }

    /** The record of a pair made by {@link #pair}; null for null (the missing side of an outer join). */
    @SuppressWarnings("unchecked")
    static <T> T recordOf(Object pair) {
        return pair == null ? null : ((Tuple2<?, T>) pair).f1;
    }

    private record PairWithKey<T, K>(KeySelector<T, K> selector) implements MapFunction<T, Tuple2<K, T>> {
        @Override
        public Tuple2<K, T> map(T value) throws Exception {
            return Tuple2.of(selector.getKey(value), value);
        }
    }

    private record DropKey<K, T>() implements MapFunction<Tuple2<K, T>, T> {
        @Override
        public T map(Tuple2<K, T> pair) {
            return pair.f1;
        }
    }
}
