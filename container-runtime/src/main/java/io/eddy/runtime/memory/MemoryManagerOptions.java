package io.eddy.runtime.memory;

import io.eddy.api.config.ConfigOption;
import io.eddy.api.config.ConfigOptions;
import io.eddy.api.config.MemorySize;

/** Options of the managed memory that batch operators (sorters, hash tables, iterations) use. */
public final class MemoryManagerOptions {
    private MemoryManagerOptions() {}

    public static final ConfigOption<MemorySize> MANAGED_SIZE = ConfigOptions.key("taskmanager.memory.managed.size")
            .memoryType()
            .noDefaultValue()
            .withDescription("Managed memory of a TaskManager, divided evenly among its slots; sorters, hash tables "
                    + "and iteration state work inside it and spill to io.tmp.dirs beyond it. When not set, "
                    + "taskmanager.memory.managed.fraction of the JVM heap is used.");

    public static final ConfigOption<Double> MANAGED_FRACTION = ConfigOptions.key("taskmanager.memory.managed.fraction")
            .doubleType()
            .defaultValue(0.3)
            .withDescription("Share of the JVM's maximum heap used as managed memory when "
                    + "taskmanager.memory.managed.size is not set (0 < fraction < 1).");

    public static final ConfigOption<MemorySize> PAGE_SIZE = ConfigOptions.key("taskmanager.memory.managed.page-size")
            .memoryType()
            .defaultValue(MemorySize.parse("32kb"))
            .withDescription("Size of one managed memory page (a MemorySegment), the unit in which operators "
                    + "allocate and spill. A power of two between 4kb and 1mb.");

    public static final ConfigOption<MemorySize> POOL_SIZE = ConfigOptions.key("taskmanager.memory.managed.pool-size")
            .memoryType()
            .defaultValue(MemorySize.parse("256mb"))
            .withDescription("Released managed memory pages a TaskManager keeps for reuse by later operators and jobs, "
                    + "at most this much; pages beyond it are left to the garbage collector, so an idle TaskManager "
                    + "holds no more heap than this for managed memory.");
}
