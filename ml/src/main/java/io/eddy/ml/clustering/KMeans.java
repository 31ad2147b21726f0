package io.eddy.ml.clustering;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.IterativeDataSet;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.rich.RichFilterFunction;
import io.eddy.api.functions.rich.RichGroupReduceFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.ml.linalg.DenseMatrix;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.linalg.LinalgTypes;
import io.eddy.ml.linalg.Vector;
import io.eddy.ml.pipeline.Estimator;
import io.eddy.ml.pipeline.Param;
import io.eddy.ml.pipeline.WithParams;
import io.eddy.ml.statistics.SeededHash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * k-means clustering by Lloyd's algorithm. From the initial centroids μ_1..μ_k, each of
 * {@link #ITERATIONS} rounds assigns every point to the nearest centroid (smallest squared Euclidean
 * distance Σ_j (x_j − μ_j)², ties to the lower index) and replaces each centroid by the mean of its
 * points; a centroid without points is kept. The model keeps the centroids in the order of the
 * initial ones, and the final cost Σ_x min_c ‖x − μ_c‖². Labels are ignored.
 *
 * <p>Initial centroids ({@link #INIT}): {@code given} ({@link #setInitialCentroids}); {@code random}:
 * the k points with the smallest seeded hash of their content (so the choice does not depend on the
 * parallelism); {@code k-means||} (Bahmani et al.): from one random point, {@link #INIT_STEPS} rounds
 * each add every point x with probability min(1, 2k·d²(x)/φ), φ the current cost, then k-means++ on
 * the candidates weighted by the points nearest to them, refined by 20 weighted Lloyd rounds.
 *
 * <p>One job: the rounds run as a native bulk iteration whose partial solution is the centroid matrix
 * (one record), given to the point-assigning tasks as a broadcast set. Each task adds its points
 * into per-centroid sums without allocating per point; one task adds the partial sums. The iteration
 * stops early when a round leaves the centroids exactly unchanged (the result is the same).
 * k-means|| runs its rounds as a bulk iteration of its own in the same job.
 */
public final class KMeans extends WithParams<KMeans> implements Estimator<KMeansModel> {
    private static final long serialVersionUID = 1L;

    public static final Param<Integer> K = Param.intParam("k", "the number of clusters", 2, Param.atLeast(1));
    public static final Param<Integer> ITERATIONS = Param.intParam("iterations", "the number of Lloyd rounds", 10,
            Param.atLeast(1));
    public static final Param<String> INIT = Param.stringParam("init",
            "initial centroids: given (--centroids), random or k-means||", "k-means||", Param.oneOf("given", "random", "k-means||"));
    public static final Param<Long> SEED = Param.longParam("seed", "seed of the random and k-means|| initialisations", 0L);
    public static final Param<Integer> INIT_STEPS = Param.intParam("init-steps", "the sampling rounds of k-means||", 2,
            Param.atLeast(1));

    private static final String CENTROIDS = "centroids";
    private static final String COST = "cost";
    private static final TypeInfo<DenseMatrix> MATRIX = LinalgTypes.DENSE_MATRIX;

    private double[][] initialCentroids;

    /** The initial centroids of {@code init = given}; sets {@link #K} and {@link #INIT} accordingly. */
    public KMeans setInitialCentroids(List<? extends Vector> centroids) {
        if (centroids.isEmpty()) {
            throw new IllegalArgumentException("No initial centroids given: give at least one");
        }
        int d = centroids.get(0).size();
        initialCentroids = new double[centroids.size()][];
        for (int c = 0; c < initialCentroids.length; c++) {
            if (centroids.get(c).size() != d) {
                throw new IllegalArgumentException("Initial centroid " + c + " has " + centroids.get(c).size()
                        + " dimensions, centroid 0 has " + d);
            }
            initialCentroids[c] = centroids.get(c).toDense().values();
        }
        set(K, initialCentroids.length);
        return set(INIT, "given");
    }

    @Override
    public KMeansModel fit(DataSet<LabeledVector> points) throws Exception {
        DataSet<DenseMatrix> initial = switch (get(INIT)) {
            case "given" -> given(points);
            case "random" -> smallestHashes(points, get(K), get(SEED));
            default -> kMeansParallel(points);
        };
        IterativeDataSet<DenseMatrix> loop = initial.iterate(get(ITERATIONS)).name("k-means rounds");
        DataSet<DenseMatrix> sums = points.mapPartition(new AssignAndSum()).returns(MATRIX).name("assign and sum")
                .withBroadcastSet(loop, CENTROIDS);
        DataSet<DenseMatrix> next = sums.mapPartition(new UpdateCentroids()).returns(MATRIX).name("update centroids")
                .withBroadcastSet(loop, CENTROIDS).setParallelism(1);
        DataSet<DenseMatrix> changed = next.filter(new Changed()).withBroadcastSet(loop, CENTROIDS).setParallelism(1);
        DataSet<DenseMatrix> result = loop.closeWith(next, changed);

        DataSet<double[]> cost = costs(points, result);
        TypeInfo<Tuple2<Integer, DenseMatrix>> tagged = Types.TUPLE(Types.INT, MATRIX);
        List<Tuple2<Integer, DenseMatrix>> out = result.map(new Tag(0)).returns(tagged)
                .union(cost.map(new TagCost()).returns(tagged)).collect();
        double[][] centroids = null;
        double total = 0;
        for (Tuple2<Integer, DenseMatrix> t : out) {
            if (t.f0 == 0) {
                centroids = Centroids.unflatten(t.f1.values(), t.f1.cols());
            } else {
                total += t.f1.values()[0];
            }
        }
        if (centroids == null) {
            throw new IllegalStateException("The k-means job ended without centroids");
        }
        return new KMeansModel(centroids, total);
    }

    private DataSet<DenseMatrix> given(DataSet<LabeledVector> points) {
        if (initialCentroids == null) {
            throw new IllegalArgumentException("init = given needs the initial centroids: call setInitialCentroids "
                    + "(on the command line: --centroids <file>)");
        }
        int d = initialCentroids[0].length;
        double[] flat = new double[initialCentroids.length * d];
        for (int c = 0; c < initialCentroids.length; c++) {
            System.arraycopy(initialCentroids[c], 0, flat, c * d, d);
        }
        return points.getExecutionEnvironment().fromCollection(List.of(new DenseMatrix(initialCentroids.length, d, flat)), MATRIX);
    }

    /** Per partition the squared distance of its points to the nearest centroid, summed: {@code [cost]}. */
    private static DataSet<double[]> costs(DataSet<LabeledVector> points, DataSet<DenseMatrix> centroids) {
        return points.mapPartition(new Cost()).returns(Types.DOUBLE_ARRAY).name("cost").withBroadcastSet(centroids, CENTROIDS);
    }

    /** The k points whose seeded content hashes are smallest, as a k × d matrix. */
    private static DataSet<DenseMatrix> smallestHashes(DataSet<LabeledVector> points, int k, long seed) {
        return points.mapPartition(new SmallestKeys(k, seed)).returns(Types.TUPLE(Types.LONG, LinalgTypes.VECTOR))
                .mapPartition(new StackSmallest(k)).returns(MATRIX).setParallelism(1);
    }

    private DataSet<DenseMatrix> kMeansParallel(DataSet<LabeledVector> points) {
        int k = get(K);
        long seed = get(SEED);
        IterativeDataSet<DenseMatrix> loop = smallestHashes(points, 1, seed).iterate(get(INIT_STEPS)).name("k-means|| rounds");
        DataSet<double[]> cost = costs(points, loop).mapPartition(new SumCosts()).returns(Types.DOUBLE_ARRAY).setParallelism(1);
        DataSet<DenseMatrix> sampled = points.mapPartition(new SampleCandidates(2.0 * k, seed)).returns(MATRIX)
                .withBroadcastSet(loop, CENTROIDS).withBroadcastSet(cost, COST);
        DataSet<DenseMatrix> candidates = loop.closeWith(loop.union(sampled).mapPartition(new StackRows()).returns(MATRIX)
                .setParallelism(1));
        return points.mapPartition(new CountNearest()).returns(Types.DOUBLE_ARRAY).withBroadcastSet(candidates, CENTROIDS)
                .mapPartition(new WeightedKMeansPlusPlus(k, seed)).returns(MATRIX).withBroadcastSet(candidates, CENTROIDS)
                .setParallelism(1);
    }

    // ---------------------------------------------------------------- step functions

    /** The centroid matrix of the current round, from the broadcast set. */
    private static DenseMatrix centroids(io.eddy.api.functions.rich.RuntimeContext context) {
        List<DenseMatrix> set = context.getBroadcastVariable(CENTROIDS);
        if (set.size() != 1) {
            throw new IllegalStateException("Expected one centroid matrix, got " + set.size());
        }
        return set.get(0);
    }

    /** Per partition and centroid: the sum of its points and their number, as a k × (d + 1) matrix. */
    private static final class AssignAndSum extends RichGroupReduceFunction<LabeledVector, DenseMatrix> {
        private static final long serialVersionUID = 1L;

        @Override
        public void reduce(Iterable<LabeledVector> points, Collector<DenseMatrix> out) {
            DenseMatrix current = centroids(getRuntimeContext());
            int k = current.rows();
            int d = current.cols();
            double[] c = current.values();
            double[] sums = new double[k * (d + 1)];
            double[] distance = new double[1];
            for (LabeledVector p : points) {
                Vector x = p.features();
                if (x.size() != d) {
                    throw new IllegalArgumentException("A point has " + x.size() + " dimensions, the centroids have " + d);
                }
                int nearest = Centroids.nearest(x, c, d, distance);
                int base = nearest * (d + 1);
                for (int s = 0; s < x.numStored(); s++) {
                    sums[base + x.storedIndex(s)] += x.storedValue(s);
                }
                sums[base + d] += 1;
            }
            out.collect(new DenseMatrix(k, d + 1, sums));
        }
    }

    /** Adds the partitions' sums; each centroid becomes the mean of its points, or stays without points. */
    private static final class UpdateCentroids extends RichGroupReduceFunction<DenseMatrix, DenseMatrix> {
        private static final long serialVersionUID = 1L;

        @Override
        public void reduce(Iterable<DenseMatrix> partials, Collector<DenseMatrix> out) {
            DenseMatrix previous = centroids(getRuntimeContext());
            int k = previous.rows();
            int d = previous.cols();
            double[] sums = new double[k * (d + 1)];
            for (DenseMatrix p : partials) {
                double[] v = p.values();
                for (int i = 0; i < sums.length; i++) {
                    sums[i] += v[i];
                }
            }
            double[] next = previous.values().clone();
            for (int c = 0; c < k; c++) {
                double count = sums[c * (d + 1) + d];
                if (count > 0) {
                    for (int j = 0; j < d; j++) {
                        next[c * d + j] = sums[c * (d + 1) + j] / count;
                    }
                }
            }
            out.collect(new DenseMatrix(k, d, next));
        }
    }

    /** Passes the new centroids when they differ from the round's: the iteration ends when nothing passes. */
    private static final class Changed extends RichFilterFunction<DenseMatrix> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(DenseMatrix next) {
            return !Arrays.equals(next.values(), centroids(getRuntimeContext()).values());
        }
    }

    private static final class Cost extends RichGroupReduceFunction<LabeledVector, double[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public void reduce(Iterable<LabeledVector> points, Collector<double[]> out) {
            DenseMatrix current = centroids(getRuntimeContext());
            double[] distance = new double[1];
            double cost = 0;
            for (LabeledVector p : points) {
                Centroids.nearest(p.features(), current.values(), current.cols(), distance);
                cost += distance[0];
            }
            out.collect(new double[] {cost});
        }
    }

    private static final class SumCosts extends RichGroupReduceFunction<double[], double[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public void reduce(Iterable<double[]> costs, Collector<double[]> out) {
            double total = 0;
            for (double[] c : costs) {
                total += c[0];
            }
            out.collect(new double[] {total});
        }
    }

    private record Tag(int tag) implements MapFunction<DenseMatrix, Tuple2<Integer, DenseMatrix>> {
        @Override
        public Tuple2<Integer, DenseMatrix> map(DenseMatrix m) {
            return Tuple2.of(tag, m);
        }
    }

    private record TagCost() implements MapFunction<double[], Tuple2<Integer, DenseMatrix>> {
        @Override
        public Tuple2<Integer, DenseMatrix> map(double[] cost) {
            return Tuple2.of(1, new DenseMatrix(1, 1, cost));
        }
    }

    // ---------------------------------------------------------------- initialisation

    /** The partition's {@code k} points of smallest key {@code mix64(seed ^ contentHash)}, with their keys. */
    private record SmallestKeys(int k, long seed) implements io.eddy.api.functions.GroupReduceFunction<LabeledVector, Tuple2<Long, Vector>> {
        @Override
        public void reduce(Iterable<LabeledVector> points, Collector<Tuple2<Long, Vector>> out) {
            java.util.PriorityQueue<Tuple2<Long, Vector>> largestFirst =
                    new java.util.PriorityQueue<>((a, b) -> Long.compare(b.f0, a.f0));
            for (LabeledVector p : points) {
                long key = SeededHash.mix64(seed ^ p.features().contentHash());
                if (largestFirst.size() < k) {
                    largestFirst.add(Tuple2.of(key, p.features().toDense()));
                } else if (key < largestFirst.peek().f0) {
                    largestFirst.poll();
                    largestFirst.add(Tuple2.of(key, p.features().toDense()));
                }
            }
            largestFirst.forEach(out::collect);
        }
    }

    private record StackSmallest(int k) implements io.eddy.api.functions.GroupReduceFunction<Tuple2<Long, Vector>, DenseMatrix> {
        @Override
        public void reduce(Iterable<Tuple2<Long, Vector>> keyed, Collector<DenseMatrix> out) {
            List<Tuple2<Long, Vector>> all = new ArrayList<>();
            keyed.forEach(all::add);
            if (all.size() < k) {
                throw new IllegalArgumentException("k-means needs at least k = " + k + " points, the data has " + all.size());
            }
            all.sort((a, b) -> Long.compare(a.f0, b.f0));
            int d = all.get(0).f1.size();
            double[] flat = new double[k * d];
            for (int c = 0; c < k; c++) {
                System.arraycopy(all.get(c).f1.toDense().values(), 0, flat, c * d, d);
            }
            out.collect(new DenseMatrix(k, d, flat));
        }
    }

    /**
     * Each point x joins the candidates with probability min(1, ℓ·d²(x)/φ), decided by a seeded hash
     * of its content and the round, so the sample does not depend on the parallelism.
     */
    private static final class SampleCandidates extends RichGroupReduceFunction<LabeledVector, DenseMatrix> {
        private static final long serialVersionUID = 1L;
        private final double oversampling;
        private final long seed;

        SampleCandidates(double oversampling, long seed) {
            this.oversampling = oversampling;
            this.seed = seed;
        }

        @Override
        public void reduce(Iterable<LabeledVector> points, Collector<DenseMatrix> out) {
            DenseMatrix current = centroids(getRuntimeContext());
            double phi = getRuntimeContext().<double[]>getBroadcastVariable(COST).get(0)[0];
            long roundSeed = SeededHash.mix64(seed + getIterationRuntimeContext().getSuperstepNumber());
            int d = current.cols();
            double[] distance = new double[1];
            List<double[]> chosen = new ArrayList<>();
            for (LabeledVector p : points) {
                Centroids.nearest(p.features(), current.values(), d, distance);
                if (phi > 0 && SeededHash.unit(roundSeed, p.features().contentHash()) < oversampling * distance[0] / phi) {
                    chosen.add(p.features().toDense().values());
                }
            }
            double[] flat = new double[chosen.size() * d];
            for (int i = 0; i < chosen.size(); i++) {
                System.arraycopy(chosen.get(i), 0, flat, i * d, d);
            }
            out.collect(new DenseMatrix(chosen.size(), d, flat));
        }
    }

    /** Stacks the rows of all matrices (the candidates so far and the new samples) into one. */
    private static final class StackRows extends RichGroupReduceFunction<DenseMatrix, DenseMatrix> {
        private static final long serialVersionUID = 1L;

        @Override
        public void reduce(Iterable<DenseMatrix> parts, Collector<DenseMatrix> out) {
            List<DenseMatrix> all = new ArrayList<>();
            int rows = 0;
            int d = 0;
            for (DenseMatrix m : parts) {
                all.add(m);
                rows += m.rows();
                d = Math.max(d, m.cols());
            }
            double[] flat = new double[rows * d];
            int at = 0;
            for (DenseMatrix m : all) {
                System.arraycopy(m.values(), 0, flat, at, m.values().length);
                at += m.values().length;
            }
            out.collect(new DenseMatrix(rows, d, flat));
        }
    }

    /** Per partition, the number of points nearest to each candidate. */
    private static final class CountNearest extends RichGroupReduceFunction<LabeledVector, double[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public void reduce(Iterable<LabeledVector> points, Collector<double[]> out) {
            DenseMatrix candidates = centroids(getRuntimeContext());
            double[] counts = new double[candidates.rows()];
            double[] distance = new double[1];
            for (LabeledVector p : points) {
                counts[Centroids.nearest(p.features(), candidates.values(), candidates.cols(), distance)]++;
            }
            out.collect(counts);
        }
    }

    /** k-means++ on the weighted candidates (seeded), then 20 weighted Lloyd rounds among them. */
    private static final class WeightedKMeansPlusPlus extends RichGroupReduceFunction<double[], DenseMatrix> {
        private static final long serialVersionUID = 1L;
        private static final int LOCAL_ROUNDS = 20;
        private final int k;
        private final long seed;

        WeightedKMeansPlusPlus(int k, long seed) {
            this.k = k;
            this.seed = seed;
        }

        @Override
        public void reduce(Iterable<double[]> partialCounts, Collector<DenseMatrix> out) {
            DenseMatrix candidates = centroids(getRuntimeContext());
            int n = candidates.rows();
            int d = candidates.cols();
            double[] weights = new double[n];
            for (double[] counts : partialCounts) {
                for (int i = 0; i < n; i++) {
                    weights[i] += counts[i];
                }
            }
            double[] x = candidates.values();
            SplittableRandom random = new SplittableRandom(seed);
            double[] centers = new double[k * d];
            double[] nearest = new double[n];
            Arrays.fill(nearest, Double.POSITIVE_INFINITY);
            int chosen = pick(weights, nearest, random, true);
            for (int c = 0; c < k; c++) {
                if (c > 0) {
                    chosen = pick(weights, nearest, random, false);
                }
                System.arraycopy(x, chosen * d, centers, c * d, d);
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        double e = x[i * d + j] - centers[c * d + j];
                        s += e * e;
                    }
                    nearest[i] = Math.min(nearest[i], s);
                }
            }
            double[] distance = new double[1];
            io.eddy.ml.linalg.DenseVector[] rows = new io.eddy.ml.linalg.DenseVector[n];
            for (int i = 0; i < n; i++) {
                rows[i] = new io.eddy.ml.linalg.DenseVector(Arrays.copyOfRange(x, i * d, (i + 1) * d));
            }
            for (int round = 0; round < LOCAL_ROUNDS; round++) {
                double[] sums = new double[k * (d + 1)];
                for (int i = 0; i < n; i++) {
                    int c = Centroids.nearest(rows[i], centers, d, distance);
                    for (int j = 0; j < d; j++) {
                        sums[c * (d + 1) + j] += weights[i] * x[i * d + j];
                    }
                    sums[c * (d + 1) + d] += weights[i];
                }
                for (int c = 0; c < k; c++) {
                    double w = sums[c * (d + 1) + d];
                    if (w > 0) {
                        for (int j = 0; j < d; j++) {
                            centers[c * d + j] = sums[c * (d + 1) + j] / w;
                        }
                    }
                }
            }
            out.collect(new DenseMatrix(k, d, centers));
        }

        /** A candidate drawn with probability ∝ weight (first) or weight · d² to the chosen ones. */
        private static int pick(double[] weights, double[] nearest, SplittableRandom random, boolean first) {
            double total = 0;
            for (int i = 0; i < weights.length; i++) {
                total += first ? weights[i] : weights[i] * nearest[i];
            }
            if (!(total > 0)) {
                return 0;
            }
            double r = random.nextDouble() * total;
            for (int i = 0; i < weights.length; i++) {
                r -= first ? weights[i] : weights[i] * nearest[i];
                if (r < 0) {
                    return i;
                }
            }
            return weights.length - 1;
        }
    }
}
