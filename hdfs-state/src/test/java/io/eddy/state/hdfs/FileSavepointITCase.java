package io.eddy.state.hdfs;

import io.eddy.api.config.Configuration;
import io.eddy.api.connector.sink.Sink;
import io.eddy.api.connector.sink.SinkContext;
import io.eddy.api.connector.sink.SinkWriter;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.JobClient;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import io.eddy.runtime.checkpoint.CompletedCheckpoint;
import io.eddy.runtime.checkpoint.OperatorSnapshot;
import io.eddy.runtime.checkpoint.SubtaskState;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A savepoint on the local file system through the Hadoop storage: relative handles, so it still restores after a move. */
class FileSavepointITCase {
    private static final long N = 20_000;
    private static final int KEYS = 5;
    static final Map<Integer, Long> LATEST = new ConcurrentHashMap<>();
    static volatile boolean released;
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(2, 2);

    @TempDir
    static Path dir;

    static long gate(long v) throws InterruptedException {
        if (!released && v % 1000 >= 500) {
            Thread.sleep(1);
        }
        return v;
    }

    static final class Sum extends RichMapFunction<Long, Tuple2<Integer, Long>> {
        private transient ValueState<Long> sum;

        @Override
        public void open(OpenContext context) {
            sum = getRuntimeContext().getState(new ValueStateDescriptor<>("sum", Types.LONG));
        }

        @Override
        public Tuple2<Integer, Long> map(Long value) throws Exception {
            long s = (sum.value() == null ? 0 : sum.value()) + value;
            sum.update(s);
            return Tuple2.of((int) (value % KEYS), s);
        }
    }

    static final class Latest implements Sink<Tuple2<Integer, Long>> {
        @Override
        public SinkWriter<Tuple2<Integer, Long>> createWriter(SinkContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(Tuple2<Integer, Long> element, long timestamp) {
                    LATEST.put(element.f0, element.f1);
                }

                @Override
                public void close() {}
            };
        }
    }

    private static JobClient submit(StreamExecutionEnvironment env) throws Exception {
        env.fromSequence(0, N - 1).uid("numbers").map(FileSavepointITCase::gate).returns(Types.LONG).uid("gate")
                .keyBy(v -> (int) (v % KEYS), Types.INT)
                .map(new Sum()).returns(Types.TUPLE(Types.INT, Types.LONG)).uid("sum")
                .sinkTo(new Latest());
        return env.executeAsync("file savepoint");
    }

    @Test
    void savepointOnTheFileSystemIsRelativeAndRestoresAfterAMove() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(new Configuration());
        env.setParallelism(2);
        env.getCheckpointConfig().setSavepointDirectory(dir.resolve("savepoints").toUri().toString());
        JobClient first = submit(env);
        while (LATEST.size() < KEYS) {
            Thread.sleep(10);
        }
        String savepoint = CLUSTER.cluster().getJobManager().getJob(first.getJobId()).stopWithSavepoint(null, false)
                .get(1, TimeUnit.MINUTES);
        first.getJobExecutionResult().get(1, TimeUnit.MINUTES);

        HadoopCheckpointStorage storage = new HadoopCheckpointStorage(dir.toUri().toString(),
                new org.apache.hadoop.conf.Configuration());
        CompletedCheckpoint metadata = CompletedCheckpoint.fromBytes(storage.readMetadata(savepoint));
        boolean keyed = false;
        for (List<SubtaskState> subtasks : metadata.vertices().values()) {
            for (SubtaskState s : subtasks) {
                for (OperatorSnapshot o : s.operators()) {
                    if (o.keyedState() != null) {
                        keyed = true;
                        assertFalse(o.keyedState().file().path().contains("/"), o.keyedState().file().path());
                    }
                }
            }
        }
        assertTrue(keyed);

        Path moved = dir.resolve("moved").resolve("savepoint-moved");
        Path original = Path.of(new org.apache.hadoop.fs.Path(savepoint).toUri().getPath());
        Files.createDirectories(moved);
        try (Stream<Path> files = Files.list(original)) {
            for (Path f : files.toList()) {
                Files.copy(f, moved.resolve(f.getFileName()));
            }
        }
        released = true;
        LATEST.clear();
        StreamExecutionEnvironment resumed = StreamExecutionEnvironment.createLocalEnvironment(new Configuration());
        resumed.setParallelism(4);
        resumed.getCheckpointConfig().setSavepointRestorePath(moved.toUri().toString());
        submit(resumed).getJobExecutionResult().get(2, TimeUnit.MINUTES);
        Map<Integer, Long> expected = new HashMap<>();
        for (long v = 0; v < N; v++) {
            expected.merge((int) (v % KEYS), v, Long::sum);
        }
        assertEquals(expected, LATEST);
    }
}
