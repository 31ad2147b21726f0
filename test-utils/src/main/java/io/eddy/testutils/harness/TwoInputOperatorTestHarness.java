package io.eddy.testutils.harness;

import io.eddy.api.execution.ExecutionConfig;
import io.eddy.api.functions.KeySelector;
import io.eddy.api.operators.Output;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.operators.TwoInputOperator;
import io.eddy.api.types.TypeInfo;

/** A harness for an operator with two inputs ({@code connect}, joins); see {@link OperatorTestHarness}. */
public final class TwoInputOperatorTestHarness<IN1, IN2, OUT> extends OperatorTestHarness<OUT> {
    private final TwoInputOperator<IN1, IN2> inputs;

    @SuppressWarnings("unchecked")
    private TwoInputOperatorTestHarness(StreamOperator<OUT> operator, KeySelector<?, ?>[] keySelectors,
            TypeInfo<?> keyType, Subtask subtask) {
        super(operator, keySelectors, keyType, new ExecutionConfig(), subtask);
        this.inputs = (TwoInputOperator<IN1, IN2>) operator;
    }

    public static <IN1, IN2, OUT, O extends StreamOperator<OUT> & TwoInputOperator<IN1, IN2>>
            TwoInputOperatorTestHarness<IN1, IN2, OUT> forOperator(O operator) {
        return new TwoInputOperatorTestHarness<>(operator, null, null, Subtask.ONLY);
    }

    /** Both inputs keyed by the same key type, each with its own selector. */
    public static <IN1, IN2, K, OUT, O extends StreamOperator<OUT> & TwoInputOperator<IN1, IN2>>
            TwoInputOperatorTestHarness<IN1, IN2, OUT> forKeyedOperator(O operator, KeySelector<IN1, K> keySelector1,
                    KeySelector<IN2, K> keySelector2, TypeInfo<K> keyType) {
        return forKeyedOperator(operator, keySelector1, keySelector2, keyType, Subtask.ONLY);
    }

    /** One subtask of a keyed two-input operator: its keyed state owns the key groups of that subtask. */
    public static <IN1, IN2, K, OUT, O extends StreamOperator<OUT> & TwoInputOperator<IN1, IN2>>
            TwoInputOperatorTestHarness<IN1, IN2, OUT> forKeyedOperator(O operator, KeySelector<IN1, K> keySelector1,
                    KeySelector<IN2, K> keySelector2, TypeInfo<K> keyType, Subtask subtask) {
        return new TwoInputOperatorTestHarness<>(operator, new KeySelector<?, ?>[] {keySelector1, keySelector2}, keyType,
                subtask);
    }

    public void processElement1(IN1 value, long timestamp) throws Exception {
        open();
        setKeyOf(0, value);
        inputs.processElement1(value, timestamp);
    }

    public void processElement1(IN1 value) throws Exception {
        processElement1(value, Output.NO_TIMESTAMP);
    }

    public void processElement2(IN2 value, long timestamp) throws Exception {
        open();
        setKeyOf(1, value);
        inputs.processElement2(value, timestamp);
    }

    public void processElement2(IN2 value) throws Exception {
        processElement2(value, Output.NO_TIMESTAMP);
    }
}
