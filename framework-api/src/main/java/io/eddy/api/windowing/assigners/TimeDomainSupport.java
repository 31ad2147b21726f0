package io.eddy.api.windowing.assigners;

import io.eddy.api.functions.TimeDomain;
import io.eddy.api.operators.Output;
import io.eddy.api.windowing.triggers.EventTimeTrigger;
import io.eddy.api.windowing.triggers.ProcessingTimeTrigger;
import io.eddy.api.windowing.triggers.Trigger;
import io.eddy.api.windowing.windows.Window;

/** What differs between the event-time and the processing-time variant of an assigner. */
final class TimeDomainSupport {
    private TimeDomainSupport() {}

    /** The time that places an element into windows. */
    static long timeOf(TimeDomain domain, long timestamp, WindowAssigner.Context context) {
        return switch (domain) {
            case EVENT_TIME -> {
                if (timestamp == Output.NO_TIMESTAMP) {
                    throw new IllegalStateException("An element has no event timestamp, but event-time windows need "
                            + "one: assign timestamps with assignTimestampsAndWatermarks(...) before the window, or use "
                            + "processing-time windows.");
                }
                yield timestamp;
            }
            case PROCESSING_TIME -> context.currentProcessingTime();
        };
    }

    static Trigger<Object, Window> defaultTrigger(TimeDomain domain) {
        return switch (domain) {
            case EVENT_TIME -> EventTimeTrigger.create();
            case PROCESSING_TIME -> ProcessingTimeTrigger.create();
        };
    }
}
