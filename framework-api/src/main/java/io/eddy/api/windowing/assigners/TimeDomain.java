package io.eddy.api.windowing.assigners;

import io.eddy.api.operators.Output;
import io.eddy.api.windowing.triggers.EventTimeTrigger;
import io.eddy.api.windowing.triggers.ProcessingTimeTrigger;
import io.eddy.api.windowing.triggers.Trigger;
import io.eddy.api.windowing.windows.Window;

/** What differs between the event-time and the processing-time variant of an assigner. */
enum TimeDomain {
    EVENT_TIME {
        @Override
        long timeOf(long timestamp, WindowAssigner.Context context) {
            if (timestamp == Output.NO_TIMESTAMP) {
                throw new IllegalStateException("An element has no event timestamp, but event-time windows need one: "
                        + "assign timestamps with assignTimestampsAndWatermarks(...) before the window, or use "
                        + "processing-time windows.");
            }
            return timestamp;
        }

        @Override
        Trigger<Object, Window> defaultTrigger() {
            return EventTimeTrigger.create();
        }
    },
    PROCESSING_TIME {
        @Override
        long timeOf(long timestamp, WindowAssigner.Context context) {
            return context.currentProcessingTime();
        }

        @Override
        Trigger<Object, Window> defaultTrigger() {
            return ProcessingTimeTrigger.create();
        }
    };

    /** The time that places an element into windows. */
    abstract long timeOf(long timestamp, WindowAssigner.Context context);

    abstract Trigger<Object, Window> defaultTrigger();
}
