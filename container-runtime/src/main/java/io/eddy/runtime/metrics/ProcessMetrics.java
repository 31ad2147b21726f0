package io.eddy.runtime.metrics;

import io.eddy.api.metrics.Gauge;
import io.eddy.api.metrics.MetricGroup;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;

/**
 * The JVM's figures under {@code Status.JVM}: heap, non-heap and direct memory, garbage
 * collections per collector, CPU load and time, threads, classes. Read from the JVM's management
 * beans when reported.
 */
public final class ProcessMetrics {
    private ProcessMetrics() {}

    public static void register(MetricGroup group) {
        MetricGroup jvm = group.addGroup("Status").addGroup("JVM");
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        MetricGroup heap = jvm.addGroup("Memory").addGroup("Heap");
        heap.gauge("Used", (Gauge<Long>) () -> memory.getHeapMemoryUsage().getUsed());
        heap.gauge("Committed", (Gauge<Long>) () -> memory.getHeapMemoryUsage().getCommitted());
        heap.gauge("Max", (Gauge<Long>) () -> memory.getHeapMemoryUsage().getMax());
        MetricGroup nonHeap = jvm.addGroup("Memory").addGroup("NonHeap");
        nonHeap.gauge("Used", (Gauge<Long>) () -> memory.getNonHeapMemoryUsage().getUsed());
        nonHeap.gauge("Committed", (Gauge<Long>) () -> memory.getNonHeapMemoryUsage().getCommitted());
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                MetricGroup direct = jvm.addGroup("Memory").addGroup("Direct");
                direct.gauge("Count", (Gauge<Long>) pool::getCount);
                direct.gauge("MemoryUsed", (Gauge<Long>) pool::getMemoryUsed);
                direct.gauge("TotalCapacity", (Gauge<Long>) pool::getTotalCapacity);
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            MetricGroup collector = jvm.addGroup("GarbageCollector").addGroup(gc.getName().replaceAll("[^A-Za-z0-9]", "_"));
            collector.gauge("Count", (Gauge<Long>) gc::getCollectionCount);
            collector.gauge("Time", (Gauge<Long>) gc::getCollectionTime);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        jvm.addGroup("Threads").gauge("Count", (Gauge<Integer>) threads::getThreadCount);
        jvm.addGroup("ClassLoader").gauge("ClassesLoaded",
                (Gauge<Integer>) ManagementFactory.getClassLoadingMXBean()::getLoadedClassCount);
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            MetricGroup cpu = jvm.addGroup("CPU");
            cpu.gauge("Load", (Gauge<Double>) os::getProcessCpuLoad);
            cpu.gauge("Time", (Gauge<Long>) os::getProcessCpuTime);
        }
        jvm.addGroup("CPU").gauge("Cores", (Gauge<Integer>) Runtime.getRuntime()::availableProcessors);
    }
}
