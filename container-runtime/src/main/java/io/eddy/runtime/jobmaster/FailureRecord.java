package io.eddy.runtime.jobmaster;

/**
 * One failure of a job, for its history of restarts.
 *
 * @param where what failed, e.g. {@code Map (2/4) on taskmanager-1 (host:port)}
 * @param exception the failure's root cause as text
 * @param restarted whether the restart strategy restarted the job (else the job failed)
 */
public record FailureRecord(long timestamp, String where, String exception, boolean restarted) {
    /** How many failures a job keeps, the newest. */
    static final int KEPT = 32;

    static FailureRecord of(String where, Throwable failure, boolean restarted) {
        Throwable root = failure;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new FailureRecord(System.currentTimeMillis(), where, String.valueOf(root), restarted);
    }
}
