package io.eddy.runtime.jobmaster;

import io.eddy.api.metrics.Gauge;
import io.eddy.runtime.checkpoint.CheckpointStats;
import io.eddy.runtime.checkpoint.CheckpointStatsSnapshot;
import io.eddy.runtime.metrics.MetricNames;
import io.eddy.runtime.metrics.ScopedMetricGroup;

import java.util.function.Function;

/**
 * The JobManager's metrics of one job: checkpoint counts, the latest completed checkpoint's
 * duration, size and alignment, the latest restore, restarts and uptime. Gauges over the
 * JobMaster's own statistics, read when reported; the group closes when the job ends.
 */
public final class JobMetrics {
    private JobMetrics() {}

    public static void register(ScopedMetricGroup job, JobMaster master) {
        job.gauge(MetricNames.COMPLETED_CHECKPOINTS, (Gauge<Long>) () -> master.getCheckpointStats().completed());
        job.gauge(MetricNames.FAILED_CHECKPOINTS, (Gauge<Long>) () -> master.getCheckpointStats().failed());
        job.gauge(MetricNames.IN_PROGRESS_CHECKPOINTS, (Gauge<Integer>) () -> master.getCheckpointStats().inProgress());
        job.gauge(MetricNames.LAST_CHECKPOINT_DURATION, latest(master, CheckpointStats::durationMillis));
        job.gauge(MetricNames.LAST_CHECKPOINT_SIZE, latest(master, CheckpointStats::stateSize));
        job.gauge(MetricNames.LAST_CHECKPOINT_ALIGNMENT, latest(master, CheckpointStats::maxAlignmentMillis));
        job.gauge(MetricNames.LAST_RESTORED_CHECKPOINT, (Gauge<Long>) () -> {
            CheckpointStatsSnapshot.Restored restored = master.getCheckpointStats().latestRestored();
            return restored == null ? -1 : restored.restoreTimestamp();
        });
        job.gauge(MetricNames.RESTARTS, (Gauge<Integer>) master::getNumberOfRestarts);
        long submitted = System.currentTimeMillis();
        job.gauge(MetricNames.UPTIME, (Gauge<Long>) () -> System.currentTimeMillis() - submitted);
        master.getResultFuture().whenComplete((result, failure) -> job.close());
    }

    /** A figure of the latest completed checkpoint, -1 before the first. */
    private static Gauge<Long> latest(JobMaster master, Function<CheckpointStats, Long> figure) {
        return () -> {
            CheckpointStats latest = master.getCheckpointStats().latestCompleted();
            return latest == null ? -1 : figure.apply(latest);
        };
    }
}
