package io.eddy.runtime.checkpoint;

import io.eddy.testutils.checkpoint.InMemoryCheckpointStorageFactory;
import io.eddy.api.connector.sink.DiscardingSink;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.JobExecutionException;
import io.eddy.api.types.Types;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checkpoints that cannot be written fail the job once more of them failed in a row than tolerated. */
class CheckpointFailureITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(1, 2);

    @Test
    void tooManyConsecutiveFailedCheckpointsFailTheJob() throws Exception {
        InMemoryCheckpointStorageFactory.STORAGE.beforeEachWrite(() -> {
            throw new UncheckedIOException(new IOException("disk full (simulated)"));
        });
        try {
            StreamExecutionEnvironment env = CLUSTER.env(2);
            env.enableCheckpointing(20);
            env.getCheckpointConfig().setCheckpointDirectory(InMemoryCheckpointStorageFactory.DIRECTORY)
                    .setTolerableCheckpointFailureNumber(2);
            env.fromSequence(0, 1_000_000)
                    .map(v -> {
                        Thread.sleep(1); // outlive several checkpoint intervals
                        return v;
                    }).returns(Types.LONG)
                    .keyBy(v -> v % 3, Types.LONG)
                    .map(v -> v).returns(Types.LONG)
                    .sinkTo(new DiscardingSink<>());
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> env.executeAsync("failing checkpoints").getJobExecutionResult().get(1, TimeUnit.MINUTES));
            assertInstanceOf(JobExecutionException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("Exceeded the tolerable checkpoint failures (2): 3 consecutive"),
                    e.getCause().getMessage());
        } finally {
            InMemoryCheckpointStorageFactory.STORAGE.beforeEachWrite(() -> {});
        }
    }
}
