package io.eddy.runtime.iteration.alignment;

import java.io.Serializable;

/**
 * One superstep of one attempt of an iteration in a job.
 *
 * @param iterationId the iteration (its head transformation's id, unique in the job)
 * @param attemptNumber the attempt of the iteration's pipelined region: a restarted iteration starts again
 *     from superstep 1 and must not meet the reports its failed attempt left behind
 */
public record SuperstepId(int iterationId, int attemptNumber, int superstep) implements Serializable {}
