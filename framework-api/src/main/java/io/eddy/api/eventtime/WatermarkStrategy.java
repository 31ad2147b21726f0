package io.eddy.api.eventtime;

import java.time.Duration;
import java.util.Objects;

/**
 * How a stream gets its event timestamps and watermarks: a timestamp assigner and a watermark
 * generator, built from the static factories and refined with {@link #withTimestampAssigner} and
 * {@link #withIdleness}.
 *
 * <pre>{@code
 * WatermarkStrategy.<Click>forBoundedOutOfOrderness(Duration.ofSeconds(5))
 *         .withTimestampAssigner((click, ts) -> click.time)
 *         .withIdleness(Duration.ofMinutes(1));
 * }</pre>
 */
@FunctionalInterface
public interface WatermarkStrategy<T> extends WatermarkGeneratorSupplier<T> {

    /** Uses the timestamps the records already carry (e.g. set by the source) unless overridden. */
    default TimestampAssigner<T> createTimestampAssigner() {
        return (element, recordTimestamp) -> recordTimestamp;
    }

    /** This strategy with timestamps taken from the elements by {@code assigner}. */
    default WatermarkStrategy<T> withTimestampAssigner(TimestampAssigner<T> assigner) {
        Objects.requireNonNull(assigner, "assigner");
        WatermarkStrategy<T> base = this;
        return new WatermarkStrategy<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public WatermarkGenerator<T> createWatermarkGenerator(Context context) {
                return base.createWatermarkGenerator(context);
            }

            @Override
            public TimestampAssigner<T> createTimestampAssigner() {
                return assigner;
            }
        };
    }

    /** This strategy, marking the input idle after {@code timeout} of processing time without elements. */
    default WatermarkStrategy<T> withIdleness(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The idleness timeout must be positive: " + timeout);
        }
        WatermarkStrategy<T> base = this;
        return new WatermarkStrategy<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public WatermarkGenerator<T> createWatermarkGenerator(Context context) {
                return new WatermarksWithIdleness<>(base.createWatermarkGenerator(context), context, timeout);
            }

            @Override
            public TimestampAssigner<T> createTimestampAssigner() {
                return base.createTimestampAssigner();
            }
        };
    }

    /** Elements arrive at most {@code maxOutOfOrderness} later than elements with higher timestamps. */
    static <T> WatermarkStrategy<T> forBoundedOutOfOrderness(Duration maxOutOfOrderness) {
        Objects.requireNonNull(maxOutOfOrderness, "maxOutOfOrderness");
        return context -> new BoundedOutOfOrdernessWatermarks<>(maxOutOfOrderness);
    }

    /** Timestamps never decrease within a parallel subtask. */
    static <T> WatermarkStrategy<T> forMonotonousTimestamps() {
        return forBoundedOutOfOrderness(Duration.ZERO);
    }

    /** A custom generator: periodic, punctuated (emitting from {@code onEvent}), or both. */
    static <T> WatermarkStrategy<T> forGenerator(WatermarkGeneratorSupplier<T> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        return supplier::createWatermarkGenerator;
    }

    /** Timestamps but no watermarks: event-time timers and windows never fire before the input ends. */
    static <T> WatermarkStrategy<T> noWatermarks() {
        return context -> new WatermarkGenerator<>() {
            @Override
            public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {}
        };
    }
}
