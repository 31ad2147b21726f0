package io.eddy.api.execution;

/**
 * Live figures of one subtask of a job vertex, its current attempt.
 *
 * @param index the subtask's index, 0 to parallelism - 1
 * @param recordsIn records the first operator of the chain received
 * @param recordsOut records the last operator of the chain emitted
 * @param backpressureRatio fraction of time, between the previous job-details request and this one,
 *     that the subtask waited for output buffers (0 = never, 1 = always; 0 on the first request)
 * @param taskManager id of the TaskManager it runs on
 * @param location where that TaskManager runs: "in-process" or its {@code host:port}
 */
public record SubtaskDetails(
        int index,
        String status,
        long recordsIn,
        long recordsOut,
        double backpressureRatio,
        String taskManager,
        String location) {}
