package io.eddy.runtime.iteration.alignment;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JobMaster's gathering of the heads' superstep reports. */
class SuperstepAlignerTest {
    private final SuperstepAligner aligner = new SuperstepAligner();

    @Test
    void everyHeadGetsAllReportsInSubtaskOrderOnceTheLastArrived() throws Exception {
        SuperstepId first = new SuperstepId(7, 0, 1);
        CompletableFuture<List<byte[]>> two = aligner.report(first, 2, 3, new byte[] {2});
        CompletableFuture<List<byte[]>> zero = aligner.report(first, 0, 3, new byte[] {0});
        assertFalse(two.isDone());
        assertFalse(zero.isDone());

        CompletableFuture<List<byte[]>> one = aligner.report(first, 1, 3, new byte[] {1});

        for (CompletableFuture<List<byte[]>> each : List.of(zero, one, two)) {
            List<byte[]> reports = each.get();
            assertEquals(3, reports.size());
            for (int subtask = 0; subtask < 3; subtask++) {
                assertArrayEquals(new byte[] {(byte) subtask}, reports.get(subtask));
            }
        }
    }

    @Test
    void superstepsIterationsAndAttemptsAreGatheredApart() {
        CompletableFuture<List<byte[]>> step1 = aligner.report(new SuperstepId(7, 0, 1), 0, 2, new byte[0]);
        CompletableFuture<List<byte[]>> step2 = aligner.report(new SuperstepId(7, 0, 2), 1, 2, new byte[0]);
        CompletableFuture<List<byte[]>> otherIteration = aligner.report(new SuperstepId(8, 0, 1), 1, 2, new byte[0]);
        CompletableFuture<List<byte[]>> restarted = aligner.report(new SuperstepId(7, 1, 1), 1, 2, new byte[0]);
        assertFalse(step1.isDone() || step2.isDone() || otherIteration.isDone() || restarted.isDone());

        aligner.report(new SuperstepId(7, 1, 1), 0, 2, new byte[0]);
        assertTrue(restarted.isDone());
        assertFalse(step1.isDone(), "the failed attempt's superstep 1 stays apart from the restarted one's");
    }

    @Test
    void aHeadReportingTwiceOrWithAnotherParallelismIsRefused() {
        SuperstepId id = new SuperstepId(7, 0, 1);
        aligner.report(id, 0, 2, new byte[0]);
        ExecutionException twice = assertThrows(ExecutionException.class, () -> aligner.report(id, 0, 2, new byte[0]).get());
        assertTrue(twice.getCause().getMessage().contains("reported already"), twice.getCause().getMessage());
        ExecutionException wider = assertThrows(ExecutionException.class, () -> aligner.report(id, 1, 3, new byte[0]).get());
        assertTrue(wider.getCause().getMessage().contains("with 2 subtasks"), wider.getCause().getMessage());
    }

    @Test
    void theJobsEndReleasesTheWaitingHeads() {
        CompletableFuture<List<byte[]>> waiting = aligner.report(new SuperstepId(7, 0, 3), 0, 2, new byte[0]);
        aligner.failAll(new IllegalStateException("Job 'j' ended CANCELED"));
        ExecutionException e = assertThrows(ExecutionException.class, waiting::get);
        assertEquals("Job 'j' ended CANCELED", e.getCause().getMessage());
    }
}
