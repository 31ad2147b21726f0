package io.eddy.client.cli;

import io.eddy.api.datastream.StreamExecutionEnvironment;

import java.nio.file.Path;

/** Programs the CLI tests package into jars and run through {@link EddyCli}. */
final class TestPrograms {
    private TestPrograms() {}

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

    public static final class NotStaticMain {
        public void main(String[] args) {}
    }
}
