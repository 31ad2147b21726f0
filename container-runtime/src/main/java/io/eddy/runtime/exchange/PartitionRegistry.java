package io.eddy.runtime.exchange;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where consumers find the partitions of producers in the same JVM. A consumer may ask before its
 * producer registered (tasks start in any order); it then gets a future that completes on
 * registration.
 *
 * <p>Thread-safe.
 */
public final class PartitionRegistry {
    private final ConcurrentHashMap<ResultPartitionId, CompletableFuture<ResultPartition>> partitions =
            new ConcurrentHashMap<>();

    public void register(ResultPartition partition) {
        partitions.computeIfAbsent(partition.getId(), id -> new CompletableFuture<>()).complete(partition);
    }

    public CompletableFuture<ResultPartition> lookup(ResultPartitionId id) {
        return partitions.computeIfAbsent(id, k -> new CompletableFuture<>());
    }

    /** Releases and forgets every partition of the job. */
    public void releaseJob(String jobId) {
        partitions.values().removeIf(f -> {
            ResultPartition p = f.getNow(null);
            if (p != null && p.getJobId().equals(jobId)) {
                p.release();
                return true;
            }
            return false;
        });
    }

    /** Releases and forgets one partition, if it is registered. */
    public void release(ResultPartitionId id) {
        CompletableFuture<ResultPartition> registered = partitions.get(id);
        ResultPartition p = registered == null ? null : registered.getNow(null);
        if (p != null && partitions.remove(id, registered)) {
            p.release();
        }
    }

    /** Forgets lookups that were never answered (their producers were never deployed). */
    public void forgetPending(ResultPartitionId id) {
        partitions.computeIfPresent(id, (k, f) -> f.isDone() ? f : null);
    }
}
