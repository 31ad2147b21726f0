package io.eddy.client.cli;

import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeHint;

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

    public static final class NotStaticMain {
        public void main(String[] args) {}
    }
}
