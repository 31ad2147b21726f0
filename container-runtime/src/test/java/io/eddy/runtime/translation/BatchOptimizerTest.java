package io.eddy.runtime.translation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eddy.api.dataset.CombineHint;
import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.dataset.JoinHint;
import io.eddy.api.dataset.Order;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The strategies the batch optimizer chooses for typical programs, read from the execution plan JSON
 * (nothing runs): hints are followed, existing partitioning is reused, a tiny join side is broadcast.
 */
class BatchOptimizerTest {
    @TempDir
    Path out;

    private static ExecutionEnvironment env() {
        return ExecutionEnvironment.getExecutionEnvironment().setParallelism(2);
    }

    /** (i, i % 100) for i in 0..n-1: a large input of known size. */
    private static DataSet<Tuple2<Long, Long>> pairs(ExecutionEnvironment env, long n) {
        return env.generateSequence(0, n - 1)
                .map((MapFunction<Long, Tuple2<Long, Long>>) i -> Tuple2.of(i % 1000, i))
                .returns(Types.TUPLE(Types.LONG, Types.LONG));
    }

    private static DataSet<Tuple2<Long, Long>> tiny(ExecutionEnvironment env) {
        return env.fromElements(Tuple2.of(1L, 10L), Tuple2.of(2L, 20L), Tuple2.of(3L, 30L));
    }

    private JsonNode plan(ExecutionEnvironment env, DataSet<?> result) throws Exception {
        result.writeAsText(out.resolve("result").toString());
        return new ObjectMapper().readTree(env.getExecutionPlan());
    }

    private static List<JsonNode> nodes(JsonNode plan, String operator) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode node : plan.get("nodes")) {
            if (operator.equals(node.path("operator").asText())) {
                found.add(node);
            }
        }
        return found;
    }

    private static JsonNode only(JsonNode plan, String operator) {
        List<JsonNode> found = nodes(plan, operator);
        assertEquals(1, found.size(), "one " + operator + " in " + plan);
        return found.get(0);
    }

    private static List<String> ships(JsonNode node) {
        List<String> ships = new ArrayList<>();
        node.get("inputs").forEach(input -> ships.add(input.get("ship").asText()));
        return ships;
    }

    @Test
    void groupingCombinesBeforeItsHashShuffle() throws Exception {
        ExecutionEnvironment env = env();
        JsonNode plan = plan(env, pairs(env, 10_000).groupBy(0).sum(1));
        JsonNode combine = only(plan, "HashCombine");
        JsonNode reduce = only(plan, "HashReduce");
        assertEquals(List.of("HASH[0]"), ships(reduce));
        assertEquals(combine.get("id").asInt(), reduce.get("inputs").get(0).get("id").asInt());
        assertEquals("HASH_REDUCE (hash aggregation in managed memory, spilling partitions of keys to disk)",
                reduce.get("localStrategy").asText());
        assertTrue(nodes(plan, "SortReduce").isEmpty(), "no sort after the shuffle: " + plan);
        assertEquals(10_000, combine.get("estimatedRecords").asLong() * 10, plan.toString());
    }

    @Test
    void groupByAfterPartitionByHashOnTheKeyShipsOnceAndDropsTheCombiner() throws Exception {
        ExecutionEnvironment env = env();
        JsonNode plan = plan(env, pairs(env, 10_000).partitionByHash(0).groupBy(0).sum(1));
        assertTrue(nodes(plan, "HashCombine").isEmpty(), plan.toString());
        assertEquals(List.of("HASH[0]"), ships(only(plan, "HashReduce")));
    }

    @Test
    void secondGroupingOnTheSameKeyShipsForward() throws Exception {
        ExecutionEnvironment env = env();
        JsonNode plan = plan(env, pairs(env, 10_000).groupBy(0).sum(1).groupBy(0).max(1));
        // the first reduce leaves each key on the subtask that holds it: the second one reads it there
        List<JsonNode> reduces = nodes(plan, "HashReduce");
        assertEquals(2, reduces.size(), plan.toString());
        assertEquals(List.of("HASH[0]"), ships(reduces.get(0)));
        assertEquals(List.of("FORWARD"), ships(reduces.get(1)));
        assertEquals(reduces.get(0).get("id").asInt(), reduces.get(1).get("inputs").get(0).get("id").asInt());
        assertEquals(1, nodes(plan, "HashCombine").size(), "only the first grouping combines: " + plan);
    }

    @Test
    void groupingOfInputPartitionedAndSortedOnTheKeyStreamsWithoutSortOrCombiner() throws Exception {
        ExecutionEnvironment env = env();
        JsonNode plan = plan(env, pairs(env, 10_000).partitionByHash(0).sortPartition(0, Order.ASCENDING).groupBy(0).sum(1));
        assertTrue(nodes(plan, "HashCombine").isEmpty(), plan.toString());
        assertTrue(nodes(plan, "SortReduce").isEmpty(), plan.toString());
        JsonNode reduce = only(plan, "SortedReduce");
        assertEquals("SORTED_REDUCE (input sorted by the key already: streams the groups, no sort)",
                reduce.get("localStrategy").asText());
        assertEquals(List.of("FORWARD"), ships(reduce));
        assertEquals(only(plan, "SortPartition").get("id").asInt(), reduce.get("inputs").get(0).get("id").asInt());
    }

    @Test
    void groupingOfSortedInputThatIsNotPartitionedCombinesTheRunsAsTheyStream() throws Exception {
        ExecutionEnvironment env = env();
        // a descending order keeps equal keys together as well as an ascending one
        JsonNode plan = plan(env, pairs(env, 10_000).sortPartition(0, Order.DESCENDING).groupBy(0).sum(1));
        assertTrue(nodes(plan, "HashCombine").isEmpty(), plan.toString());
        JsonNode combine = only(plan, "SortedReduce");
        assertEquals("SORTED_COMBINE (input sorted by the key already: reduces the runs before the shuffle, no sort)",
                combine.get("localStrategy").asText());
        JsonNode reduce = only(plan, "HashReduce");
        assertEquals(List.of("HASH[0]"), ships(reduce));
        assertEquals(combine.get("id").asInt(), reduce.get("inputs").get(0).get("id").asInt());

        ExecutionEnvironment env2 = env();
        JsonNode otherField = plan(env2, pairs(env2, 10_000).sortPartition(1, Order.ASCENDING).groupBy(0).sum(1));
        assertEquals(1, nodes(otherField, "HashCombine").size(), "sorted by another field: hash: " + otherField);
    }

    @Test
    void combineHintsWinOverTheOptimizersChoice() throws Exception {
        ExecutionEnvironment env = env();
        JsonNode hash = plan(env, pairs(env, 10_000).sortPartition(0, Order.ASCENDING).groupBy(0).sum(1)
                .setCombineHint(CombineHint.HASH));
        assertEquals("HASH_COMBINE (partial results before the shuffle)", only(hash, "HashCombine").get("localStrategy").asText());
        assertTrue(nodes(hash, "SortedReduce").isEmpty(), hash.toString());

        ExecutionEnvironment env2 = env();
        JsonNode sort = plan(env2, pairs(env2, 10_000).groupBy(0).sum(1).setCombineHint(CombineHint.SORT));
        assertEquals("SORT_COMBINE (each subtask's records sorted and reduced before the shuffle)",
                only(sort, "SortReduce").get("localStrategy").asText());
        assertEquals(List.of("HASH[0]"), ships(only(sort, "HashReduce")));
        assertTrue(nodes(sort, "HashCombine").isEmpty(), sort.toString());

        ExecutionEnvironment env3 = env();
        JsonNode none = plan(env3, pairs(env3, 10_000).groupBy(0).sum(1).setCombineHint(CombineHint.NONE));
        assertTrue(nodes(none, "HashCombine").isEmpty(), none.toString());
        JsonNode reduce = only(none, "HashReduce");
        assertEquals(List.of("HASH[0]"), ships(reduce));
        assertEquals(only(none, "Map").get("id").asInt(), reduce.get("inputs").get(0).get("id").asInt());
    }

    @Test
    void groupReducesStaySortBased() throws Exception {
        ExecutionEnvironment env = env();
        JsonNode plan = plan(env, pairs(env, 10_000).groupBy(0).reduceGroup(new GroupReduceFunction<Tuple2<Long, Long>, Long>() {
            @Override
            public void reduce(Iterable<Tuple2<Long, Long>> values, Collector<Long> collector) {
                collector.collect(1L);
            }
        }));
        assertTrue(nodes(plan, "HashReduce").isEmpty(), plan.toString());
        assertEquals("SORT_GROUP", only(plan, "SortGroupReduce").get("localStrategy").asText());
    }

    @Test
    void partitionSortAfterAReduceOnItsKeyIsDropped() throws Exception {
        ExecutionEnvironment env = env();
        JsonNode plan = plan(env, pairs(env, 10_000).groupBy(0).sum(1).sortPartition(0, Order.ASCENDING));
        assertTrue(nodes(plan, "SortPartition").isEmpty(), plan.toString());
        // the reduce stays sort-based for the order, which the hash reduce would not give
        assertTrue(nodes(plan, "HashReduce").isEmpty(), plan.toString());
        assertTrue(only(plan, "SortReduce").toString().contains("sorts the output by the key"), plan.toString());

        ExecutionEnvironment env2 = env();
        JsonNode descending = plan(env2, pairs(env2, 10_000).groupBy(0).sum(1).sortPartition(0, Order.DESCENDING));
        assertEquals(1, nodes(descending, "SortPartition").size(), "another order still sorts: " + descending);
        assertEquals(1, nodes(descending, "HashReduce").size(), descending.toString());
        ExecutionEnvironment env3 = env();
        JsonNode otherField = plan(env3, pairs(env3, 10_000).groupBy(0).sum(1).sortPartition(1, Order.ASCENDING));
        assertEquals(1, nodes(otherField, "SortPartition").size(), otherField.toString());
    }

    @Test
    void joinAfterTwoGroupingsOnTheJoinKeyNeedsNoShuffle() throws Exception {
        ExecutionEnvironment env = env();
        DataSet<Tuple2<Long, Long>> a = pairs(env, 100_000).groupBy(0).sum(1);
        DataSet<Tuple2<Long, Long>> b = pairs(env, 200_000).groupBy(0).max(1);
        JsonNode plan = plan(env, a.join(b).where(0).equalTo(0));
        assertEquals(List.of("FORWARD", "FORWARD"), ships(only(plan, "HashJoin")));
    }

    @Test
    void tinySideIsBroadcastAndBuilt() throws Exception {
        ExecutionEnvironment env = env();
        JsonNode plan = plan(env, pairs(env, 1_000_000).join(tiny(env)).where(0).equalTo(0));
        JsonNode join = only(plan, "HashJoin");
        assertEquals(List.of("FORWARD", "BROADCAST"), ships(join));
        assertEquals("HYBRID_HASH (build second)", join.get("localStrategy").asText());
    }

    @Test
    void hintsWinOverEstimates() throws Exception {
        ExecutionEnvironment env = env();
        JsonNode hashed = plan(env, pairs(env, 1_000_000).join(tiny(env), JoinHint.REPARTITION_HASH_FIRST)
                .where(0).equalTo(0));
        JsonNode join = only(hashed, "HashJoin");
        assertEquals(List.of("HASH[0]", "HASH[0]"), ships(join));
        assertEquals("HYBRID_HASH (build first)", join.get("localStrategy").asText());

        ExecutionEnvironment env2 = env();
        JsonNode sorted = plan(env2, pairs(env2, 1_000_000).join(tiny(env2), JoinHint.REPARTITION_SORT_MERGE)
                .where(0).equalTo(0));
        JsonNode merge = only(sorted, "SortMergeCoGroup");
        assertEquals(List.of("HASH[0]", "HASH[0]"), ships(merge));
        assertEquals("SORT_MERGE_JOIN", merge.get("localStrategy").asText());
    }

    @Test
    void anOuterSideIsNeverBroadcast() throws Exception {
        ExecutionEnvironment env = env();
        JsonNode plan = plan(env, tiny(env).leftOuterJoin(pairs(env, 1_000_000)).where(0).equalTo(0));
        JsonNode join = only(plan, "HashJoin");
        assertEquals(List.of("HASH[0]", "HASH[0]"), ships(join));
        assertEquals("HYBRID_HASH (build first)", join.get("localStrategy").asText(), "the smaller side builds");
    }

    @Test
    void hintToBroadcastAnOuterSideIsRefusedWithTheFix() {
        ExecutionEnvironment env = env();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> tiny(env).leftOuterJoin(pairs(env, 10), JoinHint.BROADCAST_HASH_FIRST).where(0).equalTo(0));
        assertEquals("A LEFT_OUTER join cannot broadcast its outer side (hint BROADCAST_HASH_FIRST): every subtask "
                + "would emit its unmatched records. Use a REPARTITION hint.", e.getMessage());
    }

    @Test
    void repartitionedJoinBuildsTheSmallerSide() throws Exception {
        ExecutionEnvironment env = env();
        // broadcasting 600k records to 2 subtasks would cost more than repartitioning both sides
        JsonNode plan = plan(env, pairs(env, 1_000_000).join(pairs(env, 600_000)).where(0).equalTo(0));
        JsonNode join = only(plan, "HashJoin");
        assertEquals(List.of("HASH[0]", "HASH[0]"), ships(join));
        assertEquals("HYBRID_HASH (build second)", join.get("localStrategy").asText());
        assertEquals(1_000_000, join.get("estimatedRecords").asLong());
    }
}
