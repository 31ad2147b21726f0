package io.eddy.api.dataset;

import io.eddy.api.functions.KeySelector;
import io.eddy.api.transformations.KeyFields;
import io.eddy.api.transformations.SolutionSetTransformation;
import io.eddy.api.types.TypeInfo;

/**
 * One input of a join or co-group with its key. Keyed by fields, {@code data} is the input itself;
 * keyed by a {@link KeySelector}, {@code data} holds the input's records paired with their keys and
 * {@code keys} is field 0 ({@link SelectorKey}), so the function must be handed the records unpaired.
 * A delta iteration's solution set keyed by a selector is stored paired already and is not mapped.
 *
 * @param selectorKeyType the selector's key type, null when keyed by fields
 */
record KeyedInput(DataSet<?> data, KeyFields keys, TypeInfo<?> selectorKeyType) {
    private static final KeyFields PAIR_KEY = KeyFields.of(0);

    static KeyedInput byFields(DataSet<?> input, KeyFields keys) {
        return new KeyedInput(input, keys, null);
    }

    static <T, K> KeyedInput bySelector(DataSet<T> input, KeySelector<T, K> selector, String call) {
        SelectorKey<T, K> key = SelectorKey.of(selector, input.getType(), call);
        boolean storedPaired = input.stream.getTransformation() instanceof SolutionSetTransformation<?>;
        return new KeyedInput(storedPaired ? input : key.pair(input), PAIR_KEY, key.keyType());
    }

    boolean paired() {
        return selectorKeyType != null;
    }
}
