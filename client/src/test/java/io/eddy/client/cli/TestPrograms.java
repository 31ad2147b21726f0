package io.eddy.client.cli;

import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.CheckpointingMode;
import io.eddy.api.execution.RestartStrategy;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeHint;
import io.eddy.state.hdfs.Encoder;
import io.eddy.state.hdfs.ExactlyOnceFileSink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Programs the CLI tests package into jars and run through {@link EddyCli}. */
final class TestPrograms {
    private TestPrograms() {}

    /** A jar in {@code dir} holding the test programs, with {@code mainClass} (may be null) as manifest Main-Class. */
    static Path jar(Path dir, Class<?> mainClass) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass.getName());
        }
        Path jar = dir.resolve("programs.jar");
        Path classes = Path.of(TestPrograms.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                Stream<Path> files = Files.walk(classes.resolve("io/eddy/client/cli"))) {
            for (Path c : files.filter(p -> p.getFileName().toString().startsWith("TestPrograms")).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(c).toString()));
                try (InputStream in = Files.newInputStream(c)) {
                    in.transferTo(out);
                }
            }
        }
        return jar;
    }

    /** Keeps a running sum of 1..args[1] per parity and writes every update to directory args[0]. */
    public static final class Sums {
        public static void main(String[] args) throws Exception {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            long n = Long.parseLong(args[1]);
            env.fromSequence(1, n)
                    .keyBy(x -> x % 2)
                    .reduce(Long::sum)
                    .writeAsText(Path.of(args[0]).toString());
            env.execute("sums");
        }
    }

    /** Keeps a running sum of 1..args[1] per key x % 10 and writes "key sum" for every update to directory args[0]. */
    public static final class KeyedSums {
        public static void main(String[] args) throws Exception {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.fromSequence(1, Long.parseLong(args[1]))
                    .map(x -> Tuple2.of(x % 10, x), new TypeHint<Tuple2<Long, Long>>() {}.getTypeInfo())
                    .keyBy(0)
                    .sum(1)
                    .map(t -> t.f0 + " " + t.f1)
                    .writeAsText(Path.of(args[0]).toString());
            env.execute("keyed sums");
        }
    }

    /**
     * A keyed running sum, exactly once: values 0..args[2]-1 keyed by x % args[3], checkpoints every
     * 200 ms to directory args[1], fixed-delay restarts, "key sum" lines through the exactly-once file
     * sink into directory args[0]. The source and its throttle run alone (parallelism 1), so every
     * key sees its values in order and the lines do not depend on timing; the throttle (1 ms per 10
     * values) makes the job run for seconds.
     */
    public static final class ExactlyOnceSums {
        public static void main(String[] args) throws Exception {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.enableCheckpointing(200, CheckpointingMode.EXACTLY_ONCE);
            env.getCheckpointConfig().setCheckpointDirectory(args[1]);
            // room for the restarts that fail while a replacement TaskManager starts
            env.setRestartStrategy(RestartStrategy.fixedDelay(30, 300));
            long keys = Long.parseLong(args[3]);
            env.fromSequence(0, Long.parseLong(args[2]) - 1).setParallelism(1)
                    .map(ExactlyOnceSums::throttle).setParallelism(1)
                    .map(x -> Tuple2.of(x % keys, x), new TypeHint<Tuple2<Long, Long>>() {}.getTypeInfo())
                    .setParallelism(1)
                    .keyBy(0)
                    .sum(1)
                    .map(t -> t.f0 + " " + t.f1)
                    .sinkTo(ExactlyOnceFileSink.forRowFormat(args[0], Encoder.<String>toStringLines()).build());
            env.execute("exactly-once sums");
        }

        static long throttle(long x) throws InterruptedException {
            if (x % 10 == 0) {
                Thread.sleep(1);
            }
            return x;
        }
    }

    public static final class FailsInMap {
        public static void main(String[] args) throws Exception {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.fromSequence(1, 1000).map(FailsInMap::check).print();
            env.execute("fails");
        }

        static long check(long x) {
            if (x == 500) {
                throw new IllegalStateException("record 500 is bad");
            }
            return x;
        }
    }

    /** Joins a million pairs with three, writing the result to directory args[0]. */
    public static final class BatchJoin {
        public static void main(String[] args) throws Exception {
            io.eddy.api.dataset.ExecutionEnvironment env = io.eddy.api.dataset.ExecutionEnvironment.getExecutionEnvironment();
            env.generateSequence(0, 999_999)
                    .map((io.eddy.api.functions.MapFunction<Long, Tuple2<Long, Long>>) i -> Tuple2.of(i % 10, i))
                    .returns(io.eddy.api.types.Types.TUPLE(io.eddy.api.types.Types.LONG, io.eddy.api.types.Types.LONG))
                    .join(env.fromElements(Tuple2.of(1L, "one"), Tuple2.of(2L, "two"))).where(0).equalTo(0)
                    .writeAsText(args[0]);
            env.execute("batch join");
        }
    }

    public static final class NeverExecutes {
        public static void main(String[] args) {
            StreamExecutionEnvironment.getExecutionEnvironment().fromSequence(1, 10).print();
        }
    }

    public static final class NoSink {
        public static void main(String[] args) throws Exception {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.fromSequence(1, 10).map(x -> x + 1);
            env.execute();
        }
    }

    public static final class ThrowsInMain {
        public static void main(String[] args) {
            throw new IllegalArgumentException("--input is required");
        }
    }

    /** Runs until cancelled. */
    public static final class Endless {
        public static void main(String[] args) throws Exception {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.fromSequence(0, Long.MAX_VALUE).map(Endless::slow).sinkTo(new io.eddy.api.connector.sink.DiscardingSink<>());
            env.execute("endless");
        }

        static long slow(long x) throws InterruptedException {
            Thread.sleep(1);
            return x;
        }
    }

    /** Runs until cancelled, with a keyed sum, checkpointing every 20 ms into the tests' in-memory storage. */
    public static final class CheckpointedEndless {
        public static void main(String[] args) throws Exception {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.enableCheckpointing(20);
            env.getCheckpointConfig().setCheckpointDirectory("mem://").setTolerableCheckpointFailureNumber(1000);
            env.fromSequence(0, Long.MAX_VALUE).map(Endless::slow)
                    .keyBy(x -> x % 10)
                    .reduce(Long::sum)
                    .sinkTo(new io.eddy.api.connector.sink.DiscardingSink<>());
            env.execute("checkpointed endless");
        }
    }

    /**
     * Runs until cancelled as three vertices (source and throttle; a doubling map after a rebalance;
     * a keyed sum into a discarding sink), checkpointing every 300 ms to directory args[0]: what the
     * dashboard test watches.
     */
    public static final class Watched {
        public static void main(String[] args) throws Exception {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.enableCheckpointing(300);
            env.getCheckpointConfig().setCheckpointDirectory(args[0]);
            env.fromSequence(0, Long.MAX_VALUE).setParallelism(1)
                    .map(Endless::slow).setParallelism(1).name("Throttle")
                    .rebalance()
                    .map(x -> x * 2).name("Double")
                    .keyBy(x -> x % 10)
                    .reduce(Long::sum).name("Sum per key")
                    .sinkTo(new io.eddy.api.connector.sink.DiscardingSink<>());
            env.execute("watched");
        }
    }

    /**
     * Runs until cancelled at parallelism 2, as two vertices joined one to one: the source's
     * subtask 0 feeds a consumer that sleeps per record, so it is back-pressured; its subtask 1
     * sleeps itself and feeds a fast consumer, so it never waits for buffers.
     */
    public static final class OneSlowSubtask {
        public static void main(String[] args) throws Exception {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            env.fromSequence(0, Long.MAX_VALUE)
                    .map(new SleepOnSubtask(1))
                    .map(new SleepOnSubtask(0)).disableChaining()
                    .sinkTo(new io.eddy.api.connector.sink.DiscardingSink<>());
            env.execute("one slow subtask");
        }
    }

    /** Passes records on, sleeping 1 ms per record in one subtask only. */
    static final class SleepOnSubtask extends RichMapFunction<Long, Long> {
        private final int slowSubtask;

        SleepOnSubtask(int slowSubtask) {
            this.slowSubtask = slowSubtask;
        }

        @Override
        public Long map(Long x) throws InterruptedException {
            if (getRuntimeContext().getIndexOfThisSubtask() == slowSubtask) {
                Thread.sleep(1);
            }
            return x;
        }
    }

    public static final class NotStaticMain {
        public void main(String[] args) {}
    }
}
