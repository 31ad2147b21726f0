package io.eddy.runtime.tasks;

import io.eddy.api.metrics.Gauge;
import io.eddy.runtime.metrics.Counter;
import io.eddy.runtime.metrics.MeterView;
import io.eddy.runtime.metrics.MetricNames;
import io.eddy.runtime.metrics.ScopedMetricGroup;
import io.eddy.runtime.metrics.TimeRatioGauge;

/**
 * Registers the built-in metrics of a subtask and of each of its operators. They read what the
 * task counts anyway (the chain's per-hop counters, the readers' and writers' byte counts and
 * back-pressured time, the task's idle time, each operator's watermark), so the record path pays
 * nothing more; rates and time ratios are sampled by the registry's thread.
 *
 * <pre>
 * task:     numRecordsIn/Out(PerSecond), numBytesIn/Out(PerSecond),
 *           backPressuredTimeMsPerSecond, idleTimeMsPerSecond, busyTimeMsPerSecond,
 *           outPoolUsage, inPoolUsage (0 to 1), outPoolOverdrafts, inputQueueLength (buffers)
 * operator: numRecordsIn/Out(PerSecond), currentInputWatermark, watermarkLag (ms behind the wall clock)
 * </pre>
 */
final class TaskMetrics {
    private TaskMetrics() {}

    /** Registers the metrics of {@code subtask}, whose figures are read on the reporting thread. */
    static void register(ScopedMetricGroup task, OperatorChain chain, StreamTask subtask) {
        int last = chain.size() - 1;
        registerRecords(task, chain.recordsInCounter(0), chain.recordsOutCounter(last));
        task.gauge(MetricNames.BYTES_IN, (Gauge<Long>) subtask::bytesIn);
        task.gauge(MetricNames.BYTES_OUT, (Gauge<Long>) subtask::bytesOut);
        task.meter(MetricNames.BYTES_IN_RATE, new MeterView(subtask::bytesIn));
        task.meter(MetricNames.BYTES_OUT_RATE, new MeterView(subtask::bytesOut));
        TimeRatioGauge backPressured = task.gauge(MetricNames.BACK_PRESSURED_TIME,
                new TimeRatioGauge(subtask::backPressuredNanos));
        TimeRatioGauge idle = task.gauge(MetricNames.IDLE_TIME, new TimeRatioGauge(subtask::idleNanos));
        task.gauge(MetricNames.OUTPUT_POOL_USAGE, (Gauge<Double>) subtask::outputPoolUsage);
        task.gauge(MetricNames.INPUT_POOL_USAGE, (Gauge<Double>) subtask::inputPoolUsage);
        task.gauge(MetricNames.OUTPUT_POOL_OVERDRAFTS, (Gauge<Long>) subtask::outputPoolOverdrafts);
        task.gauge(MetricNames.INPUT_QUEUE_LENGTH, (Gauge<Integer>) subtask::inputQueueLength);
        task.gauge(MetricNames.BUSY_TIME,
                (Gauge<Long>) () -> Math.max(0, 1000 - backPressured.getValue() - idle.getValue()));
        for (int i = 0; i <= last; i++) {
            OperatorContextImpl context = chain.context(i);
            if (context == null) {
                continue; // a source task's head: its records are the task's
            }
            ScopedMetricGroup operator = (ScopedMetricGroup) context.getMetricGroup();
            registerRecords(operator, chain.recordsInCounter(i), chain.recordsOutCounter(i));
            // read without synchronization from the reporting thread: a moment old at worst
            operator.gauge(MetricNames.INPUT_WATERMARK, (Gauge<Long>) context::currentWatermark);
            operator.gauge(MetricNames.WATERMARK_LAG, (Gauge<Long>) () -> {
                long watermark = context.currentWatermark();
                return watermark == Long.MIN_VALUE || watermark == Long.MAX_VALUE ? 0
                        : System.currentTimeMillis() - watermark;
            });
        }
    }

    private static void registerRecords(ScopedMetricGroup group, Counter in, Counter out) {
        group.counter(MetricNames.RECORDS_IN, in);
        group.counter(MetricNames.RECORDS_OUT, out);
        group.meter(MetricNames.RECORDS_IN_RATE, new MeterView(in::getCount));
        group.meter(MetricNames.RECORDS_OUT_RATE, new MeterView(out::getCount));
    }
}
