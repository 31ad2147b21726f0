package io.eddy.state.hdfs;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.IllegalConfigurationException;
import io.eddy.runtime.checkpoint.CheckpointRetention;
import io.eddy.api.execution.CheckpointingConfigOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Building the storage from Eddy's configuration. */
class HadoopCheckpointStorageConfigurationTest {
    @TempDir
    Path directory;

    @Test
    void missingCheckpointDirectoryNamesTheOption() {
        IllegalConfigurationException e = assertThrows(IllegalConfigurationException.class,
                () -> HadoopCheckpointStorage.fromConfiguration(new Configuration()));
        assertTrue(e.getMessage().contains("'state.checkpoints.dir'"), e.getMessage());

        Configuration blank = new Configuration().set(CheckpointingConfigOptions.DIRECTORY, " ");
        assertThrows(IllegalConfigurationException.class, () -> HadoopCheckpointStorage.fromConfiguration(blank));
    }

    @Test
    void schemeWithoutHadoopFileSystemNamesTheOption() {
        Configuration config = new Configuration().setString("state.checkpoints.dir", "nosuchfs://host/checkpoints");
        IllegalConfigurationException e = assertThrows(IllegalConfigurationException.class,
                () -> HadoopCheckpointStorage.fromConfiguration(config));
        assertTrue(e.getMessage().startsWith("Invalid value 'nosuchfs://host/checkpoints' for option 'state.checkpoints.dir'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("nosuchfs"), e.getMessage());

        config.set(CheckpointingConfigOptions.DIRECTORY, directory.toUri().toString())
                .set(CheckpointingConfigOptions.SAVEPOINT_DIRECTORY, "nosuchfs://host/savepoints");
        e = assertThrows(IllegalConfigurationException.class, () -> HadoopCheckpointStorage.fromConfiguration(config));
        assertTrue(e.getMessage().contains("'state.savepoints.dir'"), e.getMessage());
    }

    @Test
    void directoriesComeFromTheConfiguration() throws IOException {
        Configuration config = new Configuration()
                .set(CheckpointingConfigOptions.DIRECTORY, directory.resolve("checkpoints").toUri().toString())
                .set(CheckpointingConfigOptions.SAVEPOINT_DIRECTORY, directory.resolve("savepoints").toUri().toString());
        HadoopCheckpointStorage storage = HadoopCheckpointStorage.fromConfiguration(config);

        storage.initializeCheckpoint("job", 3);
        storage.initializeSavepoint(null, "job");
        assertTrue(Files.isDirectory(directory.resolve("checkpoints/job/chk-3")));
        try (var savepoints = Files.list(directory.resolve("savepoints"))) {
            assertTrue(savepoints.allMatch(p -> p.getFileName().toString().startsWith("savepoint-job-")));
        }
    }

    @Test
    void savepointWithoutTargetNeedsTheDefaultDirectory() throws IOException {
        HadoopCheckpointStorage storage = HadoopCheckpointStorage.fromConfiguration(
                new Configuration().set(CheckpointingConfigOptions.DIRECTORY, directory.toUri().toString()));
        IllegalConfigurationException e = assertThrows(IllegalConfigurationException.class,
                () -> storage.initializeSavepoint(null, "job"));
        assertTrue(e.getMessage().contains("'state.savepoints.dir'"), e.getMessage());
    }

    @Test
    void retentionKeepsOneCheckpointUnlessConfigured() throws IOException {
        HadoopCheckpointStorage storage = new HadoopCheckpointStorage(directory.toString(), new org.apache.hadoop.conf.Configuration());
        assertEquals(1, CheckpointRetention.fromConfiguration(storage, new Configuration()).numRetained());
        assertEquals(5, CheckpointRetention.fromConfiguration(storage,
                new Configuration().setString("state.checkpoints.num-retained", "5")).numRetained());
        IllegalConfigurationException e = assertThrows(IllegalConfigurationException.class,
                () -> CheckpointRetention.fromConfiguration(storage, new Configuration().set(CheckpointingConfigOptions.NUM_RETAINED, 0)));
        assertTrue(e.getMessage().contains("'state.checkpoints.num-retained'"), e.getMessage());
    }
}
