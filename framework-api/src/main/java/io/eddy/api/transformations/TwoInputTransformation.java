package io.eddy.api.transformations;

import io.eddy.api.functions.KeySelector;
import io.eddy.api.types.TypeInfo;

import java.util.List;

/**
 * Applies an operator with two inputs ({@code connect}, joins). Both inputs are keyed by the same
 * key type, or neither; a keyed broadcast connection keys only the first input (the second is
 * broadcast to every subtask), so its second key selector is null.
 */
public final class TwoInputTransformation<IN1, IN2, OUT> extends Transformation<OUT> {
    private final Transformation<IN1> input1;
    private final Transformation<IN2> input2;
    private final Operation operation;
    private KeySelector<IN1, ?> keySelector1;
    private KeySelector<IN2, ?> keySelector2;
    private TypeInfo<?> keyType;

    public TwoInputTransformation(Transformation<IN1> input1, Transformation<IN2> input2, String name,
            Operation operation, TypeInfo<OUT> outputType, int parallelism) {
        super(name, outputType, parallelism);
        this.input1 = input1;
        this.input2 = input2;
        this.operation = operation;
    }

    public Transformation<IN1> getInput1() {
        return input1;
    }

    public Transformation<IN2> getInput2() {
        return input2;
    }

    /** What the operator computes; the runtime makes the operator from it. */
    public Operation getOperation() {
        return operation;
    }

    public void setKeys(KeySelector<IN1, ?> keySelector1, KeySelector<IN2, ?> keySelector2, TypeInfo<?> keyType) {
        this.keySelector1 = keySelector1;
        this.keySelector2 = keySelector2;
        this.keyType = keyType;
    }

    public KeySelector<IN1, ?> getKeySelector1() {
        return keySelector1;
    }

    public KeySelector<IN2, ?> getKeySelector2() {
        return keySelector2;
    }

    public TypeInfo<?> getKeyType() {
        return keyType;
    }

    @Override
    public List<Transformation<?>> getInputs() {
        return List.of(input1, input2);
    }
}
