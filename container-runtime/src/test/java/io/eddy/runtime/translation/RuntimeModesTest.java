package io.eddy.runtime.translation;

import io.eddy.api.config.Configuration;
import io.eddy.api.connector.sink.DiscardingSink;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.CoreOptions;
import io.eddy.api.execution.InvalidProgramException;
import io.eddy.api.execution.RuntimeExecutionMode;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import io.eddy.runtime.jobgraph.ChainConfig;
import io.eddy.runtime.jobgraph.ExchangeMode;
import io.eddy.runtime.jobgraph.JobEdge;
import io.eddy.runtime.jobgraph.JobGraph;
import io.eddy.runtime.jobgraph.JobVertex;
import io.eddy.runtime.jobgraph.SerializedObjects;
import io.eddy.runtime.operators.ReduceOperator;
import io.eddy.runtime.operators.sortedinput.SortedInputOperator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How {@code execution.runtime-mode} shapes the job graph, and what BATCH mode refuses. */
class RuntimeModesTest {
    private static StreamExecutionEnvironment env(Configuration config) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(config);
        env.setParallelism(2);
        return env;
    }

    private static StreamExecutionEnvironment env(RuntimeExecutionMode mode) {
        return env(new Configuration()).setRuntimeMode(mode);
    }

    /** Sequence → map to (key, 1) → keyBy → sum → sink: two vertices joined by a hash exchange. */
    private static JobGraph keyedSum(StreamExecutionEnvironment env) {
        env.fromSequence(0, 99).map(i -> Tuple2.of(i % 7, 1L), Types.TUPLE(Types.LONG, Types.LONG))
                .keyBy(t -> t.f0, Types.LONG).sum(1).sinkTo(new DiscardingSink<>());
        return JobGraphCompiler.compile(env.getPipeline("keyed sum"));
    }

    private static List<ExchangeMode> modes(JobGraph job) {
        return job.getVertices().stream().flatMap(v -> v.getInputs().stream()).map(JobEdge::exchangeMode).toList();
    }

    private static Object keyedHead(JobGraph job) throws Exception {
        JobVertex keyed = job.getVertices().stream().filter(v -> !v.getInputs().isEmpty()).findFirst().orElseThrow();
        ChainConfig config = SerializedObjects.deserialize(keyed.getChainConfig(), RuntimeModesTest.class.getClassLoader());
        return config.nodes().get(0).operator();
    }

    @Test
    void batchModeMakesTheShuffleBlockingAndSortsTheKeyedInput() throws Exception {
        JobGraph batch = keyedSum(env(RuntimeExecutionMode.BATCH));
        assertEquals(List.of(ExchangeMode.BLOCKING), modes(batch));
        assertInstanceOf(SortedInputOperator.class, keyedHead(batch));

        JobGraph streaming = keyedSum(env(RuntimeExecutionMode.STREAMING));
        assertEquals(List.of(ExchangeMode.PIPELINED), modes(streaming));
        assertInstanceOf(ReduceOperator.class, keyedHead(streaming));
    }

    @Test
    void thePlanShowsTheSortedInputAndTheBlockingShuffle() {
        StreamExecutionEnvironment env = env(RuntimeExecutionMode.BATCH);
        env.fromSequence(0, 99).map(i -> Tuple2.of(i % 7, 1L), Types.TUPLE(Types.LONG, Types.LONG))
                .keyBy(t -> t.f0, Types.LONG).sum(1).sinkTo(new DiscardingSink<>());
        String plan = JobGraphCompiler.executionPlan(env.getPipeline("keyed sum"));
        assertTrue(plan.contains("\"localStrategy\":\"SORTED_KEYED_INPUT (reducing while sorting, one result per key)\""), plan);
        assertTrue(plan.contains("\"mode\":\"BLOCKING\""), plan);
    }

    @Test
    void theModeIsReadFromTheConfiguration() throws Exception {
        Configuration config = new Configuration();
        config.setString(CoreOptions.RUNTIME_MODE.key(), "batch");
        StreamExecutionEnvironment env = env(config);
        assertEquals(RuntimeExecutionMode.BATCH, env.getConfig().getRuntimeMode());
        assertEquals(List.of(ExchangeMode.BLOCKING), modes(keyedSum(env)));
    }

    @Test
    void automaticIsBatchForBoundedSourcesOnly() throws Exception {
        assertEquals(List.of(ExchangeMode.BLOCKING), modes(keyedSum(env(RuntimeExecutionMode.AUTOMATIC))));

        StreamExecutionEnvironment unbounded = env(RuntimeExecutionMode.AUTOMATIC);
        unbounded.socketTextStream("localhost", 9).keyBy(s -> s, Types.STRING).map(String::length, Types.INT)
                .sinkTo(new DiscardingSink<>());
        assertEquals(List.of(ExchangeMode.PIPELINED), modes(JobGraphCompiler.compile(unbounded.getPipeline("socket"))));

        StreamExecutionEnvironment checkpointed = env(RuntimeExecutionMode.AUTOMATIC);
        checkpointed.enableCheckpointing(1000);
        assertEquals(List.of(ExchangeMode.PIPELINED), modes(keyedSum(checkpointed)));
    }

    @Test
    void batchModeRejectsAnUnboundedSourceNamingItAndTheFix() {
        StreamExecutionEnvironment env = env(RuntimeExecutionMode.BATCH);
        env.fromSequence(0, 9).sinkTo(new DiscardingSink<>());
        env.socketTextStream("localhost", 9).name("orders socket").sinkTo(new DiscardingSink<>());
        InvalidProgramException e = assertThrows(InvalidProgramException.class,
                () -> JobGraphCompiler.compile(env.getPipeline("unbounded")));
        assertTrue(e.getMessage().startsWith("Source 'orders socket' is unbounded, but the job runs with "
                + "execution.runtime-mode: BATCH"), e.getMessage());
        assertTrue(e.getMessage().contains("run the job with execution.runtime-mode: STREAMING"), e.getMessage());
    }

    @Test
    void batchModeRejectsCheckpointingWithTheFix() {
        StreamExecutionEnvironment env = env(RuntimeExecutionMode.BATCH);
        env.enableCheckpointing(5000);
        InvalidProgramException e = assertThrows(InvalidProgramException.class, () -> keyedSum(env));
        assertEquals("Checkpointing is enabled (every 5000 ms), but the job runs with execution.runtime-mode: BATCH, "
                + "which takes no checkpoints (a failed stage is recomputed from its blocking inputs instead). Remove "
                + "enableCheckpointing(...) / execution.checkpointing.interval, or run the job in STREAMING mode.",
                e.getMessage());
    }
}
