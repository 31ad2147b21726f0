package io.eddy.benchmarks;

/**
 * The run whose classes the distribution's build archives for class data sharing ({@code lib/eddy.jsa},
 * written by the JVM's {@code -XX:ArchiveClassesAtExit} when this run ends; see {@code dist/pom.xml} and
 * {@code bin/eddy-config.sh}): one small job of each kind on the embedded cluster, so that the archive
 * holds what every job loads (cluster start, job submission and deployment, Netty, log4j2, metrics,
 * serializers, the streaming and batch operators, bulk iterations with broadcast sets, result collection).
 * Only classes are archived, no data or state: a job of another shape loads the classes it needs beyond
 * these from the jars as usual.
 */
public final class ClassDataSharingTraining {
    private ClassDataSharingTraining() {}

    private static final String[][] JOBS = {
            {"keyed-sum", "100000"},
            {"window", "100000"},
            {"--mode", "batch", "keyed-sum", "100000"},
            {"wordcount-batch", "100000"},
            {"join", "100000"},
            {"kmeans", "10000"},
            {"pagerank", "10000"},
    };

    public static void main(String[] args) throws Exception {
        for (String[] job : JOBS) {
            BenchmarkRunner.main(job);
        }
    }
}
