package io.eddy.benchmarks.batch;

import io.eddy.api.config.Configuration;
import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.functions.MapFunction;
import io.eddy.ml.clustering.KMeans;
import io.eddy.ml.clustering.KMeansModel;
import io.eddy.ml.linalg.DenseVector;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.linalg.LinalgTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The kmeans workload of {@code ../shared/benchmarks/WORKLOADS.md} (section 5): P points of D = 10
 * dimensions around K = 10 centres, generated inside the job from their index, clustered by the ml
 * library's {@link KMeans} (10 Lloyd rounds as one native bulk iteration) from points 0..9 at
 * parallelism 2. Prints the {@code CENTROIDS} line and the {@code RESULT} line with the section-6
 * checksum of the final centroids; the time runs from submission to the centroids in the client.
 */
public final class KMeansWorkload {
    private KMeansWorkload() {}

    static final int D = 10;
    static final int K = 10;
    static final int ROUNDS = 10;
    static final long S_KM_CLUSTER = 6, S_KM_CENTER = 7, S_KM_NOISE = 8;
    public static final long DEFAULT_POINTS = 1_000_000L;

    /** The centres {@code m[c][j] = 10.0 * unit(sm(S_KM_CENTER, c * D + j))}. */
    private static final double[][] CENTRES = new double[K][D];

    static {
        for (int c = 0; c < K; c++) {
            for (int j = 0; j < D; j++) {
                CENTRES[c][j] = 10.0 * unit(BatchWorkloads.sm(S_KM_CENTER, (long) c * D + j));
            }
        }
    }

    static double unit(long x) {
        return (x >>> 11) * 0x1.0p-53;
    }

    /** Point {@code i}, evaluated exactly as written in section 5. */
    static double[] point(long i) {
        int c = (int) BatchWorkloads.below(BatchWorkloads.sm(S_KM_CLUSTER, i), K);
        double[] x = new double[D];
        for (int j = 0; j < D; j++) {
            double noise = 8.0 * unit(BatchWorkloads.sm(S_KM_NOISE, i * D + j));
            noise = noise - 4.0;
            x[j] = CENTRES[c][j] + noise;
        }
        return x;
    }

    /** The checksum of section 5 over the final centroids: {@code sum:<sum>,hash:<16 hex digits>}. */
    static String checksum(double[][] centroids) {
        long sum = 0;
        long hash = 0;
        for (int c = 0; c < centroids.length; c++) {
            for (int j = 0; j < D; j++) {
                double scaled = centroids[c][j] * 1e4;
                long r = (long) (Math.signum(scaled) * Math.floor(Math.abs(scaled) + 0.5));
                sum += r;
                hash += BatchWorkloads.mix64(r + ((long) c * D + j) * BatchWorkloads.GAMMA);
            }
        }
        return String.format(Locale.ROOT, "sum:%d,hash:%016x", sum, hash);
    }

    static String centroidsLine(double[][] centroids) {
        StringBuilder b = new StringBuilder("CENTROIDS ");
        for (int c = 0; c < centroids.length; c++) {
            if (c > 0) {
                b.append(';');
            }
            for (int j = 0; j < D; j++) {
                b.append(j > 0 ? "," : "").append(String.format(Locale.ROOT, "%.4f", centroids[c][j]));
            }
        }
        return b.toString();
    }

    /** Runs the workload on {@code points} points; returns the CENTROIDS line and the RESULT line. */
    public static List<String> run(Configuration config, long points) throws Exception {
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment(config).setParallelism(2);
        List<DenseVector> initial = new ArrayList<>();
        for (int c = 0; c < K; c++) {
            initial.add(new DenseVector(point(c)));
        }
        long start = System.nanoTime();
        DataSet<LabeledVector> data = env.generateSequence(0, points - 1).map(new GeneratePoint())
                .returns(LinalgTypes.LABELED_VECTOR).name("generate points");
        KMeansModel model = new KMeans().setInitialCentroids(initial).set(KMeans.ITERATIONS, ROUNDS).fit(data);
        double seconds = (System.nanoTime() - start) / 1e9;
        double[][] centroids = model.centroids();
        return List.of(centroidsLine(centroids), String.format(Locale.ROOT,
                "RESULT kmeans records=%d seconds=%.3f records_per_s=%.0f checksum=%s", points, seconds, points / seconds,
                checksum(centroids)));
    }

    private static final class GeneratePoint implements MapFunction<Long, LabeledVector> {
        @Override
        public LabeledVector map(Long i) {
            return new LabeledVector(Double.NaN, new DenseVector(point(i)));
        }
    }
}
