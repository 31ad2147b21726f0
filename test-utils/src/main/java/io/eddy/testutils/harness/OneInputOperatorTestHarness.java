package io.eddy.testutils.harness;

import io.eddy.api.execution.ExecutionConfig;
import io.eddy.api.functions.KeySelector;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.operators.Output;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.types.TypeInfo;

/** A harness for an operator with one input; see {@link OperatorTestHarness}. */
public final class OneInputOperatorTestHarness<IN, OUT> extends OperatorTestHarness<OUT> {
    private final OneInputOperator<IN> input;

    @SuppressWarnings("unchecked")
    private OneInputOperatorTestHarness(StreamOperator<OUT> operator, KeySelector<IN, ?> keySelector, TypeInfo<?> keyType,
            ExecutionConfig config, Subtask subtask) {
        super(operator, keySelector == null ? null : new KeySelector<?, ?>[] {keySelector}, keyType, config, subtask);
        this.input = (OneInputOperator<IN>) operator;
    }

    /** A harness for an operator on a stream that is not keyed. */
    public static <IN, OUT, O extends StreamOperator<OUT> & OneInputOperator<IN>> OneInputOperatorTestHarness<IN, OUT>
            forOperator(O operator) {
        return forOperator(operator, Subtask.ONLY);
    }

    /** A harness for one subtask of an operator that is not keyed, e.g. to restore a share of operator state. */
    public static <IN, OUT, O extends StreamOperator<OUT> & OneInputOperator<IN>> OneInputOperatorTestHarness<IN, OUT>
            forOperator(O operator, Subtask subtask) {
        return new OneInputOperatorTestHarness<>(operator, null, null, new ExecutionConfig(), subtask);
    }

    /** A harness for an operator on a keyed stream: keyed state and timers are available. */
    public static <IN, K, OUT, O extends StreamOperator<OUT> & OneInputOperator<IN>> OneInputOperatorTestHarness<IN, OUT>
            forKeyedOperator(O operator, KeySelector<IN, K> keySelector, TypeInfo<K> keyType) {
        return forKeyedOperator(operator, keySelector, keyType, Subtask.ONLY);
    }

    /** A harness for one subtask of a keyed operator: its keyed state owns the key groups of that subtask. */
    public static <IN, K, OUT, O extends StreamOperator<OUT> & OneInputOperator<IN>> OneInputOperatorTestHarness<IN, OUT>
            forKeyedOperator(O operator, KeySelector<IN, K> keySelector, TypeInfo<K> keyType, Subtask subtask) {
        return new OneInputOperatorTestHarness<>(operator, keySelector, keyType, new ExecutionConfig(), subtask);
    }

    /** Like {@link #forOperator} with a given execution configuration (e.g. the auto-watermark interval). */
    public static <IN, OUT, O extends StreamOperator<OUT> & OneInputOperator<IN>> OneInputOperatorTestHarness<IN, OUT>
            forOperator(O operator, ExecutionConfig config) {
        return new OneInputOperatorTestHarness<>(operator, null, null, config, Subtask.ONLY);
    }

    public void processElement(IN value, long timestamp) throws Exception {
        open();
        setKeyOf(0, value);
        input.processElement(value, timestamp);
    }

    /** An element without an event timestamp. */
    public void processElement(IN value) throws Exception {
        processElement(value, Output.NO_TIMESTAMP);
    }
}
