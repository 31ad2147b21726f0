package io.eddy.gelly.library;

import io.eddy.api.config.Configuration;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.tuple.Tuple2;
import io.eddy.gelly.generator.RMatGraph;
import io.eddy.gelly.library.linkanalysis.PageRank;
import io.eddy.runtime.metrics.MetricNames;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PageRank's graph is held in managed memory: each block's edges are the static build side of the hash join
 * in the iteration's step function, hashed onto pages drawn from the TaskManager's managed-memory budget in
 * the first superstep and kept there for the later ones. Watched through the JMX reporter while the job runs
 * (a sampling thread, which asserts nothing about time): no hash join of the job reports more than one table
 * build however many supersteps ran, and the TaskManager's drawn managed memory reached at least the size of the
 * edges' target slots (4 bytes an edge).
 */
class PageRankManagedMemoryTest {
    private static final int SCALE = 14;
    private static final long EDGES = 100_000;

    @Test
    void theEdgesAreHashedIntoManagedMemoryOnceForAllSupersteps() throws Exception {
        String domain = "eddy-gelly-test-" + UUID.randomUUID();
        Configuration config = new Configuration();
        config.setString("metrics.reporters", "jmx");
        config.setString("metrics.reporter.jmx.domain", domain);
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment(config).setParallelism(2);
        Sampler sampler = new Sampler(domain);
        sampler.start();
        List<Tuple2<Long, Double>> ranks;
        try {
            ranks = new RMatGraph(env, SCALE, EDGES).seed(7).generate().run(new PageRank<Long, Void, Void>().iterations(8)).collect();
        } finally {
            sampler.finish();
        }
        assertEquals(1 << SCALE, ranks.size());
        assertEquals(1.0, ranks.stream().mapToDouble(r -> r.f1).sum(), 1e-9);
        assertFalse(sampler.builds.isEmpty(), "the hash joins' build counters were seen");
        // at most one build per join, however many supersteps; a join may show 0 when the job ended
        // between the sample before its build and the next one, but not every join can
        sampler.builds.forEach((join, builds) -> assertTrue(builds <= 1, builds + " table builds of " + join));
        assertTrue(sampler.builds.containsValue(1L), "no hash join was seen with its table built: " + sampler.builds);
        assertTrue(sampler.maxDrawn >= 4 * EDGES, "managed memory drawn at most " + sampler.maxDrawn + " bytes");
    }

    /** Polls the job's MBeans: the largest value each hash join's build counter and the drawn managed memory reached. */
    private static final class Sampler extends Thread {
        private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        private final ObjectName buildCounters;
        private final ObjectName drawnGauges;
        private final Map<ObjectName, Long> builds = new HashMap<>();
        private volatile boolean running = true;
        private long maxDrawn;

        Sampler(String domain) throws Exception {
            super("managed-memory-sampler");
            buildCounters = new ObjectName(domain + ":name=" + ObjectName.quote(MetricNames.HASH_TABLE_BUILDS) + ",*");
            String drawn = "Status.Memory.Managed." + MetricNames.MANAGED_MEMORY_DRAWN;
            drawnGauges = new ObjectName(domain + ":name=" + ObjectName.quote(drawn) + ",*");
        }

        @Override
        public void run() {
            while (running) {
                for (ObjectName join : server.queryNames(buildCounters, null)) {
                    read(join, "Count").ifPresent(count -> builds.merge(join, count, Math::max));
                }
                for (ObjectName taskManager : server.queryNames(drawnGauges, null)) {
                    read(taskManager, "Value").ifPresent(drawn -> maxDrawn = Math.max(maxDrawn, drawn));
                }
            }
        }

        private Optional<Long> read(ObjectName name, String attribute) {
            try {
                return Optional.of(((Number) server.getAttribute(name, attribute)).longValue());
            } catch (Exception unregisteredMeanwhile) {
                return Optional.empty();
            }
        }

        void finish() throws InterruptedException {
            running = false;
            join();
        }
    }
}
