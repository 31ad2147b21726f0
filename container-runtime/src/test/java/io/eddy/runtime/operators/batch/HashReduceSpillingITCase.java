package io.eddy.runtime.operators.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.api.config.Configuration;
import io.eddy.api.config.MemorySize;
import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.runtime.io.IOManagerOptions;
import io.eddy.runtime.memory.MemoryManagerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.eddy.runtime.operators.BatchTestData.below;
import static io.eddy.runtime.operators.BatchTestData.sm;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The hash reduce after a shuffle with far less managed memory than its keys need: 400,000 records
 * over about 138,000 distinct string keys (47 bytes each in the table, 6.5 MB) with 1 MB of managed
 * memory per TaskManager, so its table must spill partitions and aggregate them again from disk. The sums must be exactly those of
 * a plain-Java recomputation, one per key, and no spill file may be left.
 */
class HashReduceSpillingITCase {
    private static final long RECORDS = 400_000;
    private static final long KEYS = 150_000;

    @TempDir
    Path spillDir;

    private static String key(long i) {
        return "key-" + below(sm(11, i), KEYS);
    }

    private DataSet<Tuple2<String, Long>> sums(ExecutionEnvironment env) {
        return env.generateSequence(0, RECORDS - 1)
                .map(new MapFunction<Long, Tuple2<String, Long>>() {
                    @Override
                    public Tuple2<String, Long> map(Long i) {
                        return Tuple2.of(key(i), i);
                    }
                })
                .groupBy(0).sum(1);
    }

    @Test
    void aHashReduceWithTinyManagedMemorySpillsAndGivesTheExactSums() throws Exception {
        Configuration config = new Configuration();
        config.set(MemoryManagerOptions.MANAGED_SIZE, MemorySize.parse("1mb"));
        config.set(MemoryManagerOptions.PAGE_SIZE, MemorySize.parse("4kb"));
        config.set(IOManagerOptions.TMP_DIRS, spillDir.toString());

        ExecutionEnvironment planEnv = ExecutionEnvironment.getExecutionEnvironment(config).setParallelism(2);
        sums(planEnv).writeAsText(spillDir.resolve("plan-only").toString());
        JsonNode plan = new ObjectMapper().readTree(planEnv.getExecutionPlan());
        long hashReduces = 0;
        for (JsonNode node : plan.get("nodes")) {
            if (node.path("operator").asText().equals("HashReduce")) {
                hashReduces++;
                assertEquals("HASH_REDUCE (hash aggregation in managed memory, spilling partitions of keys to disk)",
                        node.get("localStrategy").asText());
            }
        }
        assertEquals(1, hashReduces, plan.toString());

        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment(config).setParallelism(2);
        Map<String, Long> actual = new HashMap<>();
        for (Tuple2<String, Long> sum : sums(env).collect()) {
            assertEquals(null, actual.put(sum.f0, sum.f1), "key " + sum.f0 + " twice");
        }
        Map<String, Long> expected = new HashMap<>();
        for (long i = 0; i < RECORDS; i++) {
            expected.merge(key(i), i, Long::sum);
        }
        assertEquals(expected, actual);
        try (Stream<Path> files = Files.walk(spillDir)) {
            assertEquals(List.of(), files.filter(Files::isRegularFile).toList());
        }
    }
}
