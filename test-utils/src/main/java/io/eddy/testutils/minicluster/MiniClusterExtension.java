package io.eddy.testutils.minicluster;

import io.eddy.api.config.Configuration;
import io.eddy.api.datastream.CloseableIterator;
import io.eddy.api.datastream.DataStream;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.runtime.minicluster.LocalExecutorFactory;
import io.eddy.runtime.minicluster.MiniCluster;
import io.eddy.runtime.minicluster.MiniClusterOptions;
import io.eddy.runtime.taskmanager.TaskManagerOptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;

/**
 * A JUnit 5 extension that runs one embedded cluster for all tests of a class; every local
 * environment in those tests submits to it.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final MiniClusterExtension CLUSTER = new MiniClusterExtension(2, 4);
 * }</pre>
 */
public final class MiniClusterExtension implements BeforeAllCallback, AfterAllCallback {
    private final int taskManagers;
    private final int slotsPerTaskManager;
    private MiniCluster cluster;

    public MiniClusterExtension(int taskManagers, int slotsPerTaskManager) {
        this.taskManagers = taskManagers;
        this.slotsPerTaskManager = slotsPerTaskManager;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Configuration config = new Configuration();
        config.set(MiniClusterOptions.NUM_TASK_MANAGERS, taskManagers);
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, slotsPerTaskManager);
        cluster = new MiniCluster(config);
        LocalExecutorFactory.useSharedCluster(cluster);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        LocalExecutorFactory.useSharedCluster(null);
        cluster.close();
    }

    public MiniCluster cluster() {
        return cluster;
    }

    /** A local environment (running on this cluster) with the given default parallelism. */
    public StreamExecutionEnvironment env(int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(new Configuration());
        env.setParallelism(parallelism);
        return env;
    }

    /** Runs the job of {@code stream} and returns everything it produced. */
    public static <T> List<T> collect(DataStream<T> stream) throws Exception {
        List<T> out = new ArrayList<>();
        try (CloseableIterator<T> it = stream.executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
