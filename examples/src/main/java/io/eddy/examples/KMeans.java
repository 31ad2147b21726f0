package io.eddy.examples;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.dataset.IterativeDataSet;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.tuple.Tuple4;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * K-means clustering of points in the plane as a bulk iteration: the centroids are the partial
 * solution; every superstep each point goes to its nearest centroid (the centroids of the superstep
 * are a broadcast set of the step function), and each centroid moves to the mean of its points. A
 * centroid without points disappears, as in Flink's example.
 *
 * <pre>
 * bin/eddy run -c io.eddy.examples.KMeans examples/target/eddy-examples.jar [--points 10000] [--k 5] [--iterations 10]
 * </pre>
 * The points are generated around {@code k} centres (deterministically); the initial centroids are the
 * first {@code k} points. Prints {@code id x y} per final centroid.
 */
public final class KMeans {
    private KMeans() {}

    public static void main(String[] args) throws Exception {
        ProgramArguments params = ProgramArguments.parse(args);
        int k = (int) params.getLong("k", 5);
        List<Tuple2<Double, Double>> points = points(params.getLong("points", 10_000), k);
        for (Tuple3<Integer, Double, Double> c : run(ExecutionEnvironment.getExecutionEnvironment(), points, k,
                (int) params.getLong("iterations", 10))) {
            System.out.printf("%d %.4f %.4f%n", c.f0, c.f1, c.f2);
        }
    }

    /** The final centroids (id, x, y) by id, starting from the first {@code k} points. */
    public static List<Tuple3<Integer, Double, Double>> run(ExecutionEnvironment env, List<Tuple2<Double, Double>> points,
            int k, int iterations) throws Exception {
        List<Tuple3<Integer, Double, Double>> result = new ArrayList<>(centroids(env, points, k, iterations).collect());
        result.sort(Comparator.comparing(c -> c.f0));
        return result;
    }

    /** The data set of the final centroids (id, x, y), for a sink of the caller's. */
    public static DataSet<Tuple3<Integer, Double, Double>> centroids(ExecutionEnvironment env,
            List<Tuple2<Double, Double>> points, int k, int iterations) {
        List<Tuple3<Integer, Double, Double>> initial = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            initial.add(Tuple3.of(c, points.get(c).f0, points.get(c).f1));
        }
        DataSet<Tuple2<Double, Double>> pointSet = env.fromCollection(points);
        IterativeDataSet<Tuple3<Integer, Double, Double>> loop = env.fromCollection(initial).iterate(iterations);
        DataSet<Tuple3<Integer, Double, Double>> moved = pointSet
                .map(new SelectNearestCentroid()).withBroadcastSet(loop, "centroids")
                .groupBy(0).reduce(new SumPoints())
                .map(new Mean());
        return loop.closeWith(moved);
    }

    /** Points scattered around {@code k} centres: point i belongs to centre {@code i % k}. */
    public static List<Tuple2<Double, Double>> points(long n, int k) {
        List<Tuple2<Double, Double>> points = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            double centreX = 100.0 * ((i % k) * 7 % 11);
            double centreY = 100.0 * ((i % k) * 5 % 13);
            points.add(Tuple2.of(centreX + noise(i, 1), centreY + noise(i, 2)));
        }
        return points;
    }

    private static double noise(long i, long salt) {
        long h = (i * 0x9E3779B97F4A7C15L + salt * 0xBF58476D1CE4E5B9L);
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        h ^= h >>> 29;
        return ((h >>> 11) * 0x1.0p-53 - 0.5) * 60.0;
    }

    /** (centroid id, x, y, 1) of the centroid nearest to the point; ties go to the lower id. */
    public static final class SelectNearestCentroid extends RichMapFunction<Tuple2<Double, Double>, Tuple4<Integer, Double, Double, Long>> {
        private transient List<Tuple3<Integer, Double, Double>> centroids;

        @Override
        public void open(OpenContext context) {
            centroids = new ArrayList<>(getRuntimeContext().<Tuple3<Integer, Double, Double>>getBroadcastVariable("centroids"));
            centroids.sort(Comparator.comparing(c -> c.f0));
        }

        @Override
        public Tuple4<Integer, Double, Double, Long> map(Tuple2<Double, Double> p) {
            return Tuple4.of(nearest(centroids, p), p.f0, p.f1, 1L);
        }
    }

    /** The id of the centroid nearest to {@code p} among {@code centroids} sorted by id. */
    public static int nearest(List<Tuple3<Integer, Double, Double>> centroids, Tuple2<Double, Double> p) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (Tuple3<Integer, Double, Double> c : centroids) {
            double dx = p.f0 - c.f1;
            double dy = p.f1 - c.f2;
            double d = dx * dx + dy * dy;
            if (d < bestDistance) {
                best = c.f0;
                bestDistance = d;
            }
        }
        return best;
    }

    private static final class SumPoints implements ReduceFunction<Tuple4<Integer, Double, Double, Long>> {
        @Override
        public Tuple4<Integer, Double, Double, Long> reduce(Tuple4<Integer, Double, Double, Long> a,
                Tuple4<Integer, Double, Double, Long> b) {
            return Tuple4.of(a.f0, a.f1 + b.f1, a.f2 + b.f2, a.f3 + b.f3);
        }
    }

    private static final class Mean implements MapFunction<Tuple4<Integer, Double, Double, Long>, Tuple3<Integer, Double, Double>> {
        @Override
        public Tuple3<Integer, Double, Double> map(Tuple4<Integer, Double, Double, Long> sum) {
            return Tuple3.of(sum.f0, sum.f1 / sum.f3, sum.f2 / sum.f3);
        }
    }
}
