package io.eddy.testutils.harness;

import io.eddy.api.functions.KeySelector;
import io.eddy.api.functions.process.KeyedProcessFunction;
import io.eddy.api.functions.process.ProcessFunction;
import io.eddy.api.types.TypeInfo;
import io.eddy.runtime.operators.KeyedProcessOperator;
import io.eddy.runtime.operators.ProcessOperator;

/** Harnesses that test a process function directly, without naming its operator. */
public final class ProcessFunctionTestHarnesses {
    private ProcessFunctionTestHarnesses() {}

    public static <IN, OUT> OneInputOperatorTestHarness<IN, OUT> forProcessFunction(ProcessFunction<IN, OUT> function) {
        return OneInputOperatorTestHarness.forOperator(new ProcessOperator<>(function));
    }

    public static <K, IN, OUT> OneInputOperatorTestHarness<IN, OUT> forKeyedProcessFunction(
            KeyedProcessFunction<K, IN, OUT> function, KeySelector<IN, K> keySelector, TypeInfo<K> keyType) {
        return forKeyedProcessFunction(function, keySelector, keyType, Subtask.ONLY);
    }

    /** One subtask of a keyed process function, e.g. to restore its share of keyed state and timers. */
    public static <K, IN, OUT> OneInputOperatorTestHarness<IN, OUT> forKeyedProcessFunction(
            KeyedProcessFunction<K, IN, OUT> function, KeySelector<IN, K> keySelector, TypeInfo<K> keyType,
            Subtask subtask) {
        return OneInputOperatorTestHarness.forKeyedOperator(new KeyedProcessOperator<>(function), keySelector, keyType,
                subtask);
    }
}
