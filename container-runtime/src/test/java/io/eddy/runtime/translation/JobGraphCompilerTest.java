package io.eddy.runtime.translation;

import io.eddy.api.config.Configuration;
import io.eddy.api.connector.sink.DiscardingSink;
import io.eddy.api.datastream.DataStream;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.InvalidProgramException;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import io.eddy.runtime.jobgraph.ExchangeMode;
import io.eddy.runtime.jobgraph.JobEdge;
import io.eddy.runtime.jobgraph.JobGraph;
import io.eddy.runtime.jobgraph.JobVertex;
import io.eddy.runtime.scheduler.PipelinedRegions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobGraphCompilerTest {

    private static StreamExecutionEnvironment env(int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(new Configuration());
        env.setParallelism(parallelism);
        return env;
    }

    private static List<String> vertexNames(JobGraph job) {
        return job.getVertices().stream().map(JobVertex::getName).toList();
    }

    @Test
    void forwardEdgesOfEqualParallelismAreChained() {
        StreamExecutionEnvironment env = env(2);
        env.fromSequence(0, 10).map(x -> x + 1).filter(x -> x > 3)
                .keyBy(x -> x % 2).reduce(Long::sum)
                .sinkTo(new DiscardingSink<>(), "Out");
        JobGraph job = JobGraphCompiler.compile(env.getPipeline("chaining"));
        assertEquals(List.of("Source: Sequence -> Map -> Filter", "Keyed Reduce -> Sink: Out"), vertexNames(job));
        JobEdge edge = job.getVertices().get(1).getInputs().get(0);
        assertEquals("HASH", edge.partitioning());
        assertFalse(edge.pointwise());
        assertTrue(job.getVertices().get(0).isSource());
    }

    @Test
    void streamingAndBoundedStreamJobsExchangeOnlyPipelined() {
        StreamExecutionEnvironment env = env(2);
        // bounded sources, a shuffle and a rebalance, but no batch operation: one pipelined region as always
        env.fromSequence(0, 10).map(x -> x + 1).setParallelism(3)
                .keyBy(x -> x % 2).reduce(Long::sum)
                .sinkTo(new DiscardingSink<>(), "Out");
        JobGraph job = JobGraphCompiler.compile(env.getPipeline("streaming"));
        List<ExchangeMode> modes = job.getVertices().stream().flatMap(v -> v.getInputs().stream())
                .map(JobEdge::exchangeMode).toList();
        assertEquals(List.of(ExchangeMode.PIPELINED, ExchangeMode.PIPELINED), modes);
        assertFalse(PipelinedRegions.hasBlockingEdges(job));
    }

    @Test
    void differentParallelismBreaksTheChainWithRebalance() {
        StreamExecutionEnvironment env = env(2);
        env.fromSequence(0, 10).map(x -> x + 1).setParallelism(3).sinkTo(new DiscardingSink<>(), "Out");
        JobGraph job = JobGraphCompiler.compile(env.getPipeline("parallelism"));
        // the sink keeps the default parallelism 2, so it is not chained to the map either
        assertEquals(List.of("Source: Sequence", "Map", "Sink: Out"), vertexNames(job));
        assertEquals("REBALANCE", job.getVertices().get(1).getInputs().get(0).partitioning());
        assertEquals("REBALANCE", job.getVertices().get(2).getInputs().get(0).partitioning());
        assertEquals(3, job.getMaximumParallelism());
    }

    @Test
    void chainingCanBeDisabledOrRestarted() {
        StreamExecutionEnvironment env = env(1);
        env.fromSequence(0, 10).map(x -> x).disableChaining().map(x -> x).name("Second")
                .map(x -> x).startNewChain().name("Third").sinkTo(new DiscardingSink<>(), "Out");
        assertEquals(List.of("Source: Sequence", "Map", "Second", "Third -> Sink: Out"),
                vertexNames(JobGraphCompiler.compile(env.getPipeline("no chain"))));
    }

    @Test
    void unionInputsAreSeparateEdgesIntoOneVertex() {
        StreamExecutionEnvironment env = env(2);
        DataStream<Long> a = env.fromSequence(0, 10);
        DataStream<Long> b = env.fromSequence(20, 30);
        a.union(b).map(x -> x).sinkTo(new DiscardingSink<>(), "Out");
        JobGraph job = JobGraphCompiler.compile(env.getPipeline("union"));
        JobVertex consumer = job.getVertices().get(2);
        assertEquals("Map -> Sink: Out", consumer.getName());
        assertEquals(2, consumer.getInputs().size());
        assertTrue(consumer.getInputs().stream().allMatch(JobEdge::pointwise), "forward edges are pointwise");
    }

    @Test
    void rescaleIsPointwiseAndBroadcastIsNot() {
        StreamExecutionEnvironment env = env(2);
        env.fromSequence(0, 10).rescale().map(x -> x).setParallelism(4).broadcast().map(x -> x)
                .sinkTo(new DiscardingSink<>(), "Out");
        JobGraph job = JobGraphCompiler.compile(env.getPipeline("exchanges"));
        assertTrue(job.getVertices().get(1).getInputs().get(0).pointwise());
        assertEquals("RESCALE", job.getVertices().get(1).getInputs().get(0).partitioning());
        assertEquals("BROADCAST", job.getVertices().get(2).getInputs().get(0).partitioning());
        assertFalse(job.getVertices().get(2).getInputs().get(0).pointwise());
    }

    @Test
    void forwardWithDifferentParallelismIsRejected() {
        StreamExecutionEnvironment env = env(2);
        env.fromSequence(0, 10).forward().map(x -> x).setParallelism(3).sinkTo(new DiscardingSink<>());
        InvalidProgramException e = assertThrows(InvalidProgramException.class, () -> JobGraphCompiler.compile(env.getPipeline("bad")));
        assertTrue(e.getMessage().contains("forward() needs equal parallelism"), e.getMessage());
    }

    @Test
    void programWithoutSinkIsRejected() {
        StreamExecutionEnvironment env = env(1);
        env.fromSequence(0, 10).map(x -> x);
        InvalidProgramException e = assertThrows(InvalidProgramException.class, env::execute);
        assertTrue(e.getMessage().startsWith("The program defines no sink"), e.getMessage());
    }

    @Test
    void erasedLambdaTypeFailsWithAHintUntilDeclared() {
        StreamExecutionEnvironment env = env(1);
        DataStream<Tuple2<Long, Long>> pairs = env.fromSequence(0, 10).map(x -> Tuple2.of(x, x));
        pairs.sinkTo(new DiscardingSink<>());
        InvalidProgramException e = assertThrows(InvalidProgramException.class, () -> JobGraphCompiler.compile(env.getPipeline("types")));
        assertTrue(e.getMessage().contains("Cannot determine the output type of map at JobGraphCompilerTest"),
                e.getMessage());
        assertTrue(e.getMessage().contains(".returns("), e.getMessage());

        StreamExecutionEnvironment env2 = env(1);
        env2.fromSequence(0, 10).map(x -> Tuple2.of(x, x)).returns(Types.TUPLE(Types.LONG, Types.LONG))
                .sinkTo(new DiscardingSink<>());
        assertEquals(1, JobGraphCompiler.compile(env2.getPipeline("declared")).getVertices().size());
    }

    /** Holds a reference that cannot be serialized. */
    static final class NotSerializable {}

    @Test
    void unserializableFunctionIsRejectedWhenDeclared() {
        StreamExecutionEnvironment env = env(1);
        NotSerializable captured = new NotSerializable();
        InvalidProgramException e = assertThrows(InvalidProgramException.class,
                () -> env.fromSequence(0, 10).map(x -> captured.hashCode() + x));
        assertTrue(e.getMessage().contains("not serializable"), e.getMessage());
        assertTrue(e.getMessage().contains("NotSerializable"), e.getMessage());
    }

    @Test
    void executionPlanDescribesOperatorsAndExchanges() {
        StreamExecutionEnvironment env = env(2);
        env.fromSequence(0, 10).keyBy(x -> x).reduce(Long::sum).uid("sum").print();
        String plan = env.getExecutionPlan();
        assertTrue(plan.contains("\"name\":\"Keyed Reduce\""), plan);
        assertTrue(plan.contains("\"exchange\":\"HASH\",\"chained\":false"), plan);
        assertTrue(plan.contains("\"uid\":\"sum\""), plan);
    }
}
