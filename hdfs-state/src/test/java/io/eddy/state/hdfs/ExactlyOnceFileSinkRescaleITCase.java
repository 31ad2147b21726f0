package io.eddy.state.hdfs;

import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.JobClient;
import io.eddy.api.execution.RestartStrategy;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.state.KeyGroups;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.Types;
import io.eddy.runtime.jobmaster.JobMaster;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A keyed running sum writes CSV through the {@link ExactlyOnceFileSink} into small part files. It
 * fails at parallelism 4, resumes from its latest checkpoint at parallelism 2, is stopped there with
 * a savepoint, and resumes from that at parallelism 6 to the end: the committed files hold exactly
 * the lines of an uninterrupted run, and nothing in progress or pending is left.
 */
class ExactlyOnceFileSinkRescaleITCase {
    private static final long N = 30_000;
    private static final int KEYS = 13;
    private static final String HEADER = "key,value,sum";

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(2, 3);

    @TempDir
    static Path dir;

    /** The sum fails once, on the first value from here on after a checkpoint of its job completed; -1: never. */
    static volatile long failAt = -1;
    /** Values from here on are slowed down, so that a failure or savepoint comes before the end. */
    static volatile long slowFrom = Long.MAX_VALUE;
    static final AtomicLong HIGHEST = new AtomicLong(-1);

    static long gate(long v) throws InterruptedException {
        if (v >= slowFrom) {
            Thread.sleep(1);
        } else if (v % 100 == 0) {
            Thread.sleep(2); // spread the input over several checkpoints
        }
        return v;
    }

    /** Emits (key, value, running sum of the key). */
    static final class Sum extends RichMapFunction<Long, Tuple3<Integer, Long, Long>> {
        private transient ValueState<Long> sum;

        @Override
        public void open(OpenContext context) {
            sum = getRuntimeContext().getState(new ValueStateDescriptor<>("sum", Types.LONG));
        }

        @Override
        public Tuple3<Integer, Long, Long> map(Long value) throws Exception {
            long fail = failAt;
            if (fail >= 0 && value >= fail && !checkpoints().listCompleted(getRuntimeContext().getJobId()).isEmpty()) {
                failAt = -1;
                throw new IllegalStateException("Failing at " + value + " on purpose");
            }
            HIGHEST.accumulateAndGet(value, Math::max);
            long s = (sum.value() == null ? 0 : sum.value()) + value;
            sum.update(s);
            return Tuple3.of((int) (value % KEYS), value, s);
        }
    }

    private static HadoopCheckpointStorage checkpoints() throws Exception {
        return new HadoopCheckpointStorage(dir.resolve("checkpoints").toUri().toString(), new Configuration());
    }

    private static JobClient submit(StreamExecutionEnvironment env) throws Exception {
        env.setRestartStrategy(RestartStrategy.none());
        env.getCheckpointConfig().setSavepointDirectory(dir.resolve("savepoints").toUri().toString());
        ExactlyOnceFileSink<Tuple3<Integer, Long, Long>> sink = ExactlyOnceFileSink.forRowFormat(
                        dir.resolve("out").toUri().toString(), CsvEncoder.builder().withHeader("key", "value", "sum").<Tuple3<Integer, Long, Long>>build())
                .withRollingPolicy(RollingPolicy.builder().withMaxPartSize(4096).build())
                .withPartSuffix(".csv")
                .build();
        env.fromSequence(0, N - 1).uid("numbers").setParallelism(1)
                .map(ExactlyOnceFileSinkRescaleITCase::gate).returns(Types.LONG).uid("gate").setParallelism(1)
                .keyBy(v -> (int) (v % KEYS), Types.INT)
                .map(new Sum()).returns(Types.TUPLE(Types.INT, Types.LONG, Types.LONG)).uid("sum")
                .sinkTo(sink).uid("sink");
        return env.executeAsync("rescaled file sink");
    }

    private static JobMaster jobMaster(JobClient client) {
        return CLUSTER.cluster().getJobManager().getJob(client.getJobId());
    }

    @Test
    void failAtFourResumeAtTwoStopWithSavepointResumeAtSix() throws Exception {
        StreamExecutionEnvironment env4 = CLUSTER.env(4);
        env4.enableCheckpointing(50);
        env4.getCheckpointConfig().setCheckpointDirectory(dir.resolve("checkpoints").toUri().toString());
        failAt = N / 3;
        // the failure must come before the input ends, else the job would just finish
        slowFrom = N / 2;
        JobClient first = submit(env4);
        assertThrows(ExecutionException.class, () -> first.getJobExecutionResult().get(2, TimeUnit.MINUTES));
        List<String> completed = checkpoints().listCompleted(first.getJobId().toHexString());
        assertFalse(completed.isEmpty());

        StreamExecutionEnvironment env2 = CLUSTER.env(2);
        env2.enableCheckpointing(50);
        env2.getCheckpointConfig().setCheckpointDirectory(dir.resolve("checkpoints").toUri().toString());
        env2.getCheckpointConfig().setSavepointRestorePath(completed.get(0));
        HIGHEST.set(-1);
        slowFrom = 2 * N / 3;
        JobClient second = submit(env2);
        long deadline = System.currentTimeMillis() + 120_000;
        while (HIGHEST.get() < slowFrom && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        String savepoint = jobMaster(second).stopWithSavepoint(null, false).get(1, TimeUnit.MINUTES);
        second.getJobExecutionResult().get(1, TimeUnit.MINUTES); // a stopped job finishes
        assertTrue(jobMaster(second).getRestoredCheckpointId() > 0);

        slowFrom = Long.MAX_VALUE;
        StreamExecutionEnvironment env6 = CLUSTER.env(6);
        env6.enableCheckpointing(50);
        env6.getCheckpointConfig().setCheckpointDirectory(dir.resolve("checkpoints").toUri().toString());
        env6.getCheckpointConfig().setSavepointRestorePath(savepoint);
        submit(env6).getJobExecutionResult().get(2, TimeUnit.MINUTES);

        List<String> lines = new ArrayList<>();
        List<String> hidden = new ArrayList<>();
        TreeSet<String> subtasks = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir.resolve("out"))) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith("part-")) {
                    assertTrue(name.endsWith(".csv"), name);
                    subtasks.add(name.split("-")[1]);
                    List<String> content = Files.readAllLines(f, StandardCharsets.UTF_8);
                    assertEquals(HEADER, content.get(0), name);
                    lines.addAll(content.subList(1, content.size()));
                } else if (!name.endsWith(".crc")) {
                    hidden.add(name);
                }
            }
        }
        assertEquals(List.of(), hidden);
        Collections.sort(lines);
        List<String> expected = expectedLines();
        assertEquals(expected.size(), lines.size(), "number of committed lines");
        assertEquals(expected, lines);
        // every subtask of the last run that owns a key wrote files; which earlier subtasks did depends on
        // how far their data got before the checkpoint restored (at parallelism 6, subtask 3 owns none of the keys)
        TreeSet<String> lastRunWriters = new TreeSet<>();
        for (int key = 0; key < KEYS; key++) {
            lastRunWriters.add(String.valueOf(KeyGroups.operatorIndexForKey(key, KeyGroups.DEFAULT_MAX_PARALLELISM, 6)));
        }
        assertTrue(subtasks.containsAll(lastRunWriters), subtasks + " lacks one of " + lastRunWriters);
        assertTrue(new TreeSet<>(List.of("0", "1", "2", "3", "4", "5")).containsAll(subtasks), subtasks.toString());
    }

    private static List<String> expectedLines() {
        Map<Integer, Long> sums = new HashMap<>();
        List<String> lines = new ArrayList<>();
        for (long v = 0; v < N; v++) {
            int key = (int) (v % KEYS);
            lines.add(key + "," + v + "," + sums.merge(key, v, Long::sum));
        }
        Collections.sort(lines);
        return lines;
    }
}
