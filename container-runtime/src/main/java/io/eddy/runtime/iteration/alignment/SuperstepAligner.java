package io.eddy.runtime.iteration.alignment;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The JobMaster's side of {@link SuperstepAlignment} for one job: per superstep of each iteration, the
 * reports that arrived so far; the last one completes every head's future with all of them.
 *
 * <p>Threading: the JobMaster's main thread calls every method; the futures complete on it.
 */
public final class SuperstepAligner {
    private final Map<SuperstepId, Gathering> gatherings = new HashMap<>();

    private static final class Gathering {
        final byte[][] reports;
        final CompletableFuture<List<byte[]>> all = new CompletableFuture<>();
        int arrived;

        Gathering(int parties) {
            reports = new byte[parties][];
        }
    }

    /** Records head {@code subtask}'s report; see {@link SuperstepAlignment#alignSuperstep}. */
    public CompletableFuture<List<byte[]>> report(SuperstepId superstep, int subtask, int parties, byte[] report) {
        Gathering gathering = gatherings.computeIfAbsent(superstep, s -> new Gathering(parties));
        if (parties != gathering.reports.length || subtask < 0 || subtask >= parties
                || gathering.reports[subtask] != null) {
            return CompletableFuture.failedFuture(new IllegalStateException("Head subtask " + subtask + " of "
                    + parties + " reported " + superstep + ", which " + (gathering.reports.length != parties
                            ? "other heads reported with " + gathering.reports.length + " subtasks"
                            : "it reported already")));
        }
        gathering.reports[subtask] = report;
        if (++gathering.arrived == parties) {
            gatherings.remove(superstep);
            gathering.all.complete(Arrays.asList(gathering.reports));
        }
        return gathering.all;
    }

    /** The job stops: no head waits any more. */
    public void failAll(Throwable cause) {
        for (Iterator<Gathering> it = gatherings.values().iterator(); it.hasNext(); ) {
            it.next().all.completeExceptionally(cause);
            it.remove();
        }
    }
}
