package io.eddy.runtime.resourcemanager;

import io.eddy.api.config.ConfigOption;
import io.eddy.api.config.ConfigOptions;

import java.time.Duration;

/** Options of the {@link ResourceManager}: how long jobs wait for slots, and when idle workers go. */
public final class ResourceManagerOptions {
    private ResourceManagerOptions() {}

    public static final ConfigOption<Duration> SLOT_REQUEST_TIMEOUT = ConfigOptions.key("slot.request.timeout")
            .durationType()
            .defaultValue(Duration.ofMinutes(5))
            .withDescription("How long a job waits for the task slots it needs (at its start, and for those lost "
                    + "with a TaskManager at a restart) before it fails naming what it misses.");

    public static final ConfigOption<Duration> TASKMANAGER_TIMEOUT = ConfigOptions.key(
                    "resourcemanager.taskmanager-timeout")
            .durationType()
            .defaultValue(Duration.ofSeconds(30))
            .withDescription("How long a TaskManager that a ResourceManager driver started (YARN) may stay without "
                    + "any slot in use before it is released. TaskManagers that registered on their own (standalone) "
                    + "are never released.");

    public static final ConfigOption<Duration> PREVIOUS_WORKER_RECOVERY_TIMEOUT = ConfigOptions.key(
                    "resourcemanager.previous-worker.recovery-timeout")
            .durationType()
            .defaultValue(Duration.ofSeconds(30))
            .withDescription("How long a new JobManager waits for the TaskManagers of workers its predecessor "
                    + "started that still run (YARN: containers kept across ApplicationMaster attempts) to register "
                    + "again; until then they count as on their way, afterwards the silent ones are released and "
                    + "replaced.");
}
