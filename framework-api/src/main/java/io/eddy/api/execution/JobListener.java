package io.eddy.api.execution;

/** Told about submissions and results of jobs started from an environment; the CLI uses it to show progress. */
public interface JobListener {
    /** Called with the client after submission, or with the error if the submission failed. */
    void onJobSubmitted(JobClient client, Throwable error);

    /** Called after the job ended (from {@code execute()} only), with the result or the error. */
    default void onJobExecuted(JobExecutionResult result, Throwable error) {}
}
