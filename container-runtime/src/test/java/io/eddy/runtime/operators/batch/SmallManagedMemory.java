package io.eddy.runtime.operators.batch;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.MemorySize;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.runtime.io.IOManagerOptions;
import io.eddy.runtime.memory.MemoryManagerOptions;

import java.nio.file.Path;

/** Embedded batch environments for spilling tests: a small managed memory of 16 KB pages, parallelism 2. */
public final class SmallManagedMemory {
    private SmallManagedMemory() {}

    /** An environment whose TaskManager has {@code managedMemory} (e.g. "2mb") and spills into {@code spillDir}. */
    public static ExecutionEnvironment environment(String managedMemory, Path spillDir) {
        Configuration config = new Configuration();
        config.set(MemoryManagerOptions.MANAGED_SIZE, MemorySize.parse(managedMemory));
        config.set(MemoryManagerOptions.PAGE_SIZE, MemorySize.parse("16kb"));
        config.set(IOManagerOptions.TMP_DIRS, spillDir.toString());
        return ExecutionEnvironment.getExecutionEnvironment(config).setParallelism(2);
    }
}
