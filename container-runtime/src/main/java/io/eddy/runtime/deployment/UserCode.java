package io.eddy.runtime.deployment;

import java.nio.file.Path;

/**
 * The user's classes of a job: the class loader the JobManager reads them with, and the jar that
 * TaskManagers in other processes load them from (null when the job comes from this JVM).
 */
public record UserCode(ClassLoader classLoader, Path jar) {
    public static UserCode inProcess(ClassLoader classLoader) {
        return new UserCode(classLoader, null);
    }
}
