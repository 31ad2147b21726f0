package io.eddy.api.transformations;

import io.eddy.api.functions.KeySelector;
import io.eddy.api.types.TypeInfo;

import java.util.List;

/**
 * Applies an operator with one input. When the input is keyed, the key selector and key type
 * let the runtime give the operator a keyed state backend.
 */
public final class OneInputTransformation<IN, OUT> extends Transformation<OUT> {
    private final Transformation<IN> input;
    private final Operation operation;
    private KeySelector<IN, ?> keySelector;
    private TypeInfo<?> keyType;

    public OneInputTransformation(Transformation<IN> input, String name, Operation operation,
            TypeInfo<OUT> outputType, int parallelism) {
        super(name, outputType, parallelism);
        this.input = input;
        this.operation = operation;
    }

    public Transformation<IN> getInput() {
        return input;
    }

    /** What the operator computes; the runtime makes the operator from it. */
    public Operation getOperation() {
        return operation;
    }

    public void setKey(KeySelector<IN, ?> keySelector, TypeInfo<?> keyType) {
        this.keySelector = keySelector;
        this.keyType = keyType;
    }

    public KeySelector<IN, ?> getKeySelector() {
        return keySelector;
    }

    public TypeInfo<?> getKeyType() {
        return keyType;
    }

    @Override
    public List<Transformation<?>> getInputs() {
        return List.of(input);
    }
}
