package io.eddy.api.eventtime;

import java.io.Serializable;

/** Creates the watermark generator of each parallel subtask. */
@FunctionalInterface
public interface WatermarkGeneratorSupplier<T> extends Serializable {
    WatermarkGenerator<T> createWatermarkGenerator(Context context);

    /** What a generator may use besides the elements. */
    interface Context {
        /** The processing-time clock of the task, in epoch milliseconds (controllable in tests). */
        long currentProcessingTime();
    }
}
