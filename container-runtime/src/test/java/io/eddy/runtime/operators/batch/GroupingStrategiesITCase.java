package io.eddy.runtime.operators.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.api.config.Configuration;
import io.eddy.api.config.MemorySize;
import io.eddy.api.dataset.CombineHint;
import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.dataset.Order;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.runtime.io.IOManagerOptions;
import io.eddy.runtime.memory.MemoryManagerOptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.eddy.runtime.operators.BatchTestData.below;
import static io.eddy.runtime.operators.BatchTestData.sm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One grouped sum run with every combining and grouping strategy the optimizer can pick, on enough
 * records and keys that the hash combiner's table fills and the sorts spill with 4 MB of managed memory.
 * Each run's plan must show the strategy the case is about, and every run must give exactly the sums a
 * plain-Java recomputation gives, and leave no spill file.
 */
class GroupingStrategiesITCase {
    private static final long RECORDS = 300_000;
    private static final long KEYS = 60_000;

    @TempDir
    Path spillDir;

    /** A way to state the grouping, and the operators its plan must contain and must not contain. */
    enum Strategy {
        HASH_COMBINE_AND_HASH_REDUCE(List.of("HashCombine", "HashReduce"), List.of("SortedReduce", "SortReduce")),
        HASH_COMBINE_AND_SORT_REDUCE_FOR_A_SORT_BY_THE_KEY(List.of("HashCombine", "SortReduce"),
                List.of("SortedReduce", "HashReduce", "SortPartition")),
        SORT_COMBINE_BY_HINT(List.of("SortReduce", "HashReduce"), List.of("HashCombine", "SortedReduce")),
        NO_COMBINER_BY_HINT(List.of("HashReduce"), List.of("HashCombine", "SortedReduce", "SortReduce")),
        SORTED_COMBINE_OF_SORTED_INPUT(List.of("SortedReduce", "HashReduce"), List.of("HashCombine")),
        SORTED_REDUCE_OF_PARTITIONED_SORTED_INPUT(List.of("SortedReduce"), List.of("HashCombine", "SortReduce", "HashReduce"));

        final List<String> present;
        final List<String> absent;

        Strategy(List<String> present, List<String> absent) {
            this.present = present;
            this.absent = absent;
        }

        DataSet<Tuple2<Long, Long>> sums(DataSet<Tuple2<Long, Long>> records) {
            return switch (this) {
                case HASH_COMBINE_AND_HASH_REDUCE -> records.groupBy(0).sum(1);
                case HASH_COMBINE_AND_SORT_REDUCE_FOR_A_SORT_BY_THE_KEY -> records.groupBy(0).sum(1).sortPartition(0, Order.ASCENDING);
                case SORT_COMBINE_BY_HINT -> records.groupBy(0).sum(1).setCombineHint(CombineHint.SORT);
                case NO_COMBINER_BY_HINT -> records.groupBy(0).sum(1).setCombineHint(CombineHint.NONE);
                case SORTED_COMBINE_OF_SORTED_INPUT -> records.sortPartition(0, Order.ASCENDING).groupBy(0).sum(1);
                case SORTED_REDUCE_OF_PARTITIONED_SORTED_INPUT ->
                        records.partitionByHash(0).sortPartition(0, Order.DESCENDING).groupBy(0).sum(1);
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void everyStrategyGivesTheExactSums(Strategy strategy) throws Exception {
        Configuration config = new Configuration();
        config.set(MemoryManagerOptions.MANAGED_SIZE, MemorySize.parse("4mb"));
        config.set(MemoryManagerOptions.PAGE_SIZE, MemorySize.parse("16kb"));
        config.set(IOManagerOptions.TMP_DIRS, spillDir.toString());
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment(config).setParallelism(2);
        DataSet<Tuple2<Long, Long>> records = env.generateSequence(0, RECORDS - 1)
                .map(new MapFunction<Long, Tuple2<Long, Long>>() {
                    @Override
                    public Tuple2<Long, Long> map(Long i) {
                        return Tuple2.of(below(sm(7, i), KEYS), i);
                    }
                });
        DataSet<Tuple2<Long, Long>> sums = strategy.sums(records);

        sums.writeAsText(spillDir.resolve("plan-only").toString());
        JsonNode plan = new ObjectMapper().readTree(env.getExecutionPlan());
        List<String> operators = new ArrayList<>();
        plan.get("nodes").forEach(node -> operators.add(node.path("operator").asText()));
        for (String present : strategy.present) {
            assertTrue(operators.contains(present), strategy + " runs " + present + ": " + plan);
        }
        for (String absent : strategy.absent) {
            assertTrue(!operators.contains(absent), strategy + " runs no " + absent + ": " + plan);
        }

        ExecutionEnvironment runEnv = ExecutionEnvironment.getExecutionEnvironment(config).setParallelism(2);
        DataSet<Tuple2<Long, Long>> runRecords = runEnv.generateSequence(0, RECORDS - 1)
                .map(new MapFunction<Long, Tuple2<Long, Long>>() {
                    @Override
                    public Tuple2<Long, Long> map(Long i) {
                        return Tuple2.of(below(sm(7, i), KEYS), i);
                    }
                });
        TreeMap<Long, Long> actual = new TreeMap<>();
        for (Tuple2<Long, Long> sum : strategy.sums(runRecords).collect()) {
            assertEquals(null, actual.put(sum.f0, sum.f1), "key " + sum.f0 + " twice");
        }
        TreeMap<Long, Long> expected = new TreeMap<>();
        for (long i = 0; i < RECORDS; i++) {
            expected.merge(below(sm(7, i), KEYS), i, Long::sum);
        }
        assertEquals(expected, actual);
        try (Stream<Path> files = Files.walk(spillDir)) {
            assertEquals(List.of(), files.filter(Files::isRegularFile).toList());
        }
    }
}
