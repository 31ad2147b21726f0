package io.eddy.runtime.iteration;

import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The aggregates a step function sees when it starts a superstep. */
class SubtaskIterationTest {
    /**
     * A step function's first record of superstep 3 can come from another subtask's head that got the
     * barrier's decision first: it must see superstep 2's aggregates, not superstep 1's.
     */
    @Test
    void aStepFunctionStartingASuperstepWaitsForItsHeadToPublishThePreviousAggregates() throws Exception {
        SubtaskIteration subtask = new SubtaskIteration();
        assertEquals(Map.of(), subtask.aggregatesOf(0));
        subtask.setAggregates(1, Map.of("changed", 10L));
        assertEquals(Map.of("changed", 10L), subtask.aggregatesOf(1));

        CompletableFuture<Map<String, Serializable>> startingSuperstep3 = CompletableFuture.supplyAsync(() -> {
            try {
                return subtask.aggregatesOf(2);
            } catch (InterruptedException e) {
                throw new CompletionException(e);
            }
        });
        Thread.sleep(50); // the head has not decided superstep 2 yet
        subtask.setAggregates(2, Map.of("changed", 3L));
        assertEquals(Map.of("changed", 3L), startingSuperstep3.get(30, TimeUnit.SECONDS));
    }
}
