package io.eddy.runtime.translation;

import io.eddy.api.config.Configuration;
import io.eddy.api.connector.sink.DiscardingSink;
import io.eddy.api.datastream.DataStream;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.InvalidProgramException;
import io.eddy.api.functions.CoMapFunction;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.process.BroadcastProcessFunction;
import io.eddy.api.functions.process.KeyedBroadcastProcessFunction;
import io.eddy.api.functions.process.KeyedCoProcessFunction;
import io.eddy.api.partitioning.StreamPartitioner;
import io.eddy.api.state.KeyGroups;
import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.types.Types;
import io.eddy.runtime.jobgraph.ChainConfig;
import io.eddy.runtime.jobgraph.JobEdge;
import io.eddy.runtime.jobgraph.JobGraph;
import io.eddy.runtime.jobgraph.JobVertex;
import io.eddy.runtime.jobgraph.SerializedObjects;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How connected and broadcast-connected streams compile: exchanges, keys and output types. */
class ConnectedStreamsCompilerTest {
    private static final MapStateDescriptor<String, Long> STATE = new MapStateDescriptor<>("s", String.class, Long.class);

    private static StreamExecutionEnvironment env(int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(new Configuration());
        env.setParallelism(parallelism);
        return env;
    }

    private static ChainConfig config(JobVertex vertex) throws Exception {
        return SerializedObjects.deserialize(vertex.getChainConfig(), ConnectedStreamsCompilerTest.class.getClassLoader());
    }

    static final class Concat implements CoMapFunction<Long, String, String> {
        @Override
        public String map1(Long value) {
            return value.toString();
        }

        @Override
        public String map2(String value) {
            return value;
        }
    }

    static final class Sum extends KeyedCoProcessFunction<Long, Long, Long, Long> {
        @Override
        public void processElement1(Long value, Context ctx, Collector<Long> out) {}

        @Override
        public void processElement2(Long value, Context ctx, Collector<Long> out) {}
    }

    @Test
    void coMapIsANonKeyedTwoInputVertexWithTheExtractedType() throws Exception {
        StreamExecutionEnvironment env = env(2);
        DataStream<String> out = env.fromSequence(0, 10).connect(env.fromElements("a", "b")).map(new Concat());
        assertEquals(Types.STRING, out.getType());
        out.sinkTo(new DiscardingSink<>(), "Out");
        JobVertex coMap = JobGraphCompiler.compile(env.getPipeline("co-map")).getVertices().get(2);
        assertEquals("Co-Map -> Sink: Out", coMap.getName());
        assertEquals(2, coMap.getInputs().size());
        ChainConfig config = config(coMap);
        assertEquals(List.of(0, 1), config.inputs().stream().map(ChainConfig.Input::logicalInput).toList());
        assertNull(config.nodes().get(0).keySerializer());
    }

    @Test
    void keyedInputsArePartitionedByTheSameKeyGroups() throws Exception {
        StreamExecutionEnvironment env = env(3);
        env.fromSequence(0, 10).connect(env.fromSequence(0, 10))
                .keyBy(v -> v, v -> v, Types.LONG)
                .process(new Sum()).setMaxParallelism(16)
                .sinkTo(new DiscardingSink<>(), "Out");
        JobGraph job = JobGraphCompiler.compile(env.getPipeline("keyed"));
        JobVertex keyed = job.getVertices().get(2);
        assertEquals(List.of("HASH", "HASH"), keyed.getInputs().stream().map(JobEdge::partitioning).toList());
        assertNotNull(config(keyed).nodes().get(0).keySerializer());
        assertEquals(16, keyed.getMaxParallelism());
        for (int producer = 0; producer < 2; producer++) {
            @SuppressWarnings("unchecked")
            StreamPartitioner<Long> partitioner = (StreamPartitioner<Long>) config(job.getVertices().get(producer))
                    .outputs().get(0).partitioner();
            partitioner.setup(3);
            for (long key = 0; key < 100; key++) {
                assertEquals(KeyGroups.operatorIndexForKey(key, 16, 3), partitioner.selectChannel(key));
            }
        }
    }

    @Test
    void keyedProcessNeedsBothInputsKeyedBySameType() {
        StreamExecutionEnvironment env = env(2);
        DataStream<Long> a = env.fromSequence(0, 10);
        DataStream<Long> b = env.fromSequence(0, 10);
        assertThrows(InvalidProgramException.class, () -> a.connect(b).process(new Sum()));
        assertThrows(InvalidProgramException.class, () -> a.keyBy(v -> v, Types.LONG)
                .connect(b.keyBy(v -> v.toString(), Types.STRING)).process(new Sum()));
    }

    @Test
    void broadcastSideIsBroadcastAndOnlyTheKeyedSideIsKeyed() throws Exception {
        StreamExecutionEnvironment env = env(2);
        DataStream<Long> rules = env.fromSequence(0, 10);
        env.fromSequence(0, 10).keyBy(v -> v % 3, Types.LONG)
                .connect(rules.broadcast(STATE))
                .process(new KeyedBroadcastProcessFunction<Long, Long, Long, String>() {
                    @Override
                    public void processElement(Long value, ReadOnlyContext ctx, Collector<String> out) {}

                    @Override
                    public void processBroadcastElement(Long value, Context ctx, Collector<String> out) {}
                })
                .sinkTo(new DiscardingSink<>(), "Out");
        JobVertex keyed = JobGraphCompiler.compile(env.getPipeline("keyed broadcast")).getVertices().get(2);
        assertEquals(List.of("HASH", "BROADCAST"), keyed.getInputs().stream().map(JobEdge::partitioning).toList());
        assertNotNull(config(keyed).nodes().get(0).keySerializer());
    }

    @Test
    void nonKeyedBroadcastProcessNeedsNoKeysButStateDescriptors() {
        StreamExecutionEnvironment env = env(2);
        DataStream<String> out = env.fromSequence(0, 10).connect(env.fromElements("x").broadcast(STATE))
                .process(new BroadcastProcessFunction<Long, String, Integer>() {
                    @Override
                    public void processElement(Long value, ReadOnlyContext ctx, Collector<Integer> out) {}

                    @Override
                    public void processBroadcastElement(String value, Context ctx, Collector<Integer> out) {}
                }).map(Object::toString).returns(Types.STRING);
        assertEquals(Types.STRING, out.getType());
        assertThrows(InvalidProgramException.class, () -> env.fromElements("x").broadcast(
                new MapStateDescriptor<?, ?>[0]));
        assertThrows(InvalidProgramException.class, () -> env.fromSequence(0, 1)
                .connect(env.fromElements("x").broadcast(STATE))
                .process(new KeyedBroadcastProcessFunction<Long, Long, String, String>() {
                    @Override
                    public void processElement(Long value, ReadOnlyContext ctx, Collector<String> out) {}

                    @Override
                    public void processBroadcastElement(String value, Context ctx, Collector<String> out) {}
                }));
    }
}
