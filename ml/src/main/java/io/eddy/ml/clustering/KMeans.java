package io.eddy.ml.clustering;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.IterativeDataSet;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.functions.rich.RichFilterFunction;
import io.eddy.api.functions.rich.RichFlatMapFunction;
import io.eddy.api.functions.rich.RichGroupReduceFunction;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.functions.rich.RuntimeContext;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeExtractor;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.ml.linalg.DenseVector;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.linalg.LinalgTypes;
import io.eddy.ml.linalg.Vector;
import io.eddy.ml.linalg.VectorBlock;
import io.eddy.ml.optimization.OneGroup;
import io.eddy.ml.pipeline.Estimator;
import io.eddy.ml.pipeline.Param;
import io.eddy.ml.pipeline.WithParams;
import io.eddy.ml.statistics.SeededHash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * k-means clustering by Lloyd's algorithm. From the initial centroids μ_0..μ_{k−1}, each of
 * {@link #ITERATIONS} rounds assigns every point to the nearest centroid (smallest squared Euclidean
 * distance Σ_j (x_j − μ_j)², ties to the lower index) and replaces each centroid by the mean of its
 * points; a centroid without points is kept. The model keeps the centroids in the order of the
 * initial ones, and the final cost Σ_x min_c ‖x − μ_c‖². Labels are ignored.
 *
 * <p>Initial centroids ({@link #INIT}): {@code given} ({@link #setInitialCentroids}); {@code random}:
 * the k points with the smallest seeded hash of their content (so the choice does not depend on the
 * parallelism); {@code k-means||} (Bahmani et al.): from one such random point, {@link #INIT_STEPS}
 * rounds each add every point x with probability min(1, 2k·d²(x)/φ), φ the current cost, then
 * k-means++ (seeded) on the candidates weighted by the number of points nearest to them, refined by
 * 20 weighted Lloyd rounds.
 *
 * <p>One job. The rounds run as a native bulk iteration whose partial solution is the k centroid
 * records {@code (id, coordinates)}, a broadcast set of the point-assigning tasks. The points enter
 * the iteration as {@link VectorBlock}s (the runtime keeps the static input and replays it every round;
 * a block is one record of a few arrays instead of three objects per point). Each task adds a block's
 * points into per-centroid sums without allocating per point and emits k partial sums; they are
 * added per centroid ({@code groupBy(id).reduce}) and turned into the next centroids. The iteration
 * stops early when a round changes no centroid at all (the result is the same). k-means|| runs its
 * rounds as a bulk iteration of its own in the same job.
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
    private static final String CANDIDATES = "candidates";
    private static final String COST = "cost";
    /** A centroid record: its id (0..k−1; −1 tags the cost in the final output) and its coordinates. */
    private static final TypeInfo<Tuple2<Integer, double[]>> CENTROID = Types.TUPLE(Types.INT, Types.DOUBLE_ARRAY);
    private static final TypeInfo<VectorBlock> BLOCK = TypeExtractor.forClass(VectorBlock.class);

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
        DataSet<Tuple2<Integer, double[]>> initial = switch (get(INIT)) {
            case "given" -> given(points);
            case "random" -> smallestHashes(points, get(K), get(SEED));
            default -> kMeansParallel(points);
        };
        DataSet<VectorBlock> blocks = points.mapPartition(new VectorBlock.Cut()).returns(BLOCK).name("point blocks");
        IterativeDataSet<Tuple2<Integer, double[]>> loop = initial.iterate(get(ITERATIONS)).name("k-means rounds");
        DataSet<Tuple2<Integer, double[]>> next = blocks.flatMap(new AssignAndSum()).returns(CENTROID)
                .name("assign and sum").withBroadcastSet(loop, CENTROIDS)
                .groupBy(0).reduce(new AddSums())
                .map(new UpdateCentroid()).returns(CENTROID).name("update centroids").withBroadcastSet(loop, CENTROIDS);
        DataSet<Tuple2<Integer, double[]>> changed = next.filter(new Changed()).withBroadcastSet(loop, CENTROIDS);
        DataSet<Tuple2<Integer, double[]>> result = loop.closeWith(next, changed);

        DataSet<Tuple2<Integer, double[]>> cost = blocks.mapPartition(new BlockCost()).returns(Types.DOUBLE_ARRAY)
                .name("cost").withBroadcastSet(result, CENTROIDS).map(new TagCost()).returns(CENTROID);
        int k = get(K);
        double[][] centroids = new double[k][];
        double total = 0;
        for (Tuple2<Integer, double[]> t : result.union(cost).collect()) {
            if (t.f0 < 0) {
                total += t.f1[0];
            } else {
                centroids[t.f0] = t.f1;
            }
        }
        for (int c = 0; c < k; c++) {
            if (centroids[c] == null) {
                throw new IllegalStateException("The k-means job ended without centroid " + c);
            }
        }
        return new KMeansModel(centroids, total);
    }

    private DataSet<Tuple2<Integer, double[]>> given(DataSet<LabeledVector> points) {
        if (initialCentroids == null) {
            throw new IllegalArgumentException("init = given needs the initial centroids: call setInitialCentroids "
                    + "(on the command line: --centroids <file>)");
        }
        List<Tuple2<Integer, double[]>> records = new ArrayList<>();
        for (int c = 0; c < initialCentroids.length; c++) {
            records.add(Tuple2.of(c, initialCentroids[c]));
        }
        return points.getExecutionEnvironment().fromCollection(records, CENTROID);
    }

    /** The k points whose seeded content hashes are smallest, as centroid records 0..k−1 in hash order. */
    private static DataSet<Tuple2<Integer, double[]>> smallestHashes(DataSet<LabeledVector> points, int k, long seed) {
        return points.mapPartition(new SmallestKeys(k, seed)).returns(Types.TUPLE(Types.LONG, LinalgTypes.VECTOR))
                .mapPartition(new NumberSmallest(k)).returns(CENTROID).setParallelism(1);
    }

    private DataSet<Tuple2<Integer, double[]>> kMeansParallel(DataSet<LabeledVector> points) {
        int k = get(K);
        long seed = get(SEED);
        IterativeDataSet<double[]> loop = smallestHashes(points, 1, seed).map(new Coordinates())
                .returns(Types.DOUBLE_ARRAY).iterate(get(INIT_STEPS)).name("k-means|| rounds");
        DataSet<double[]> cost = OneGroup.keyed(points.mapPartition(new CandidateCost()).returns(Types.DOUBLE_ARRAY)
                        .withBroadcastSet(loop, CANDIDATES), Types.DOUBLE_ARRAY)
                .groupBy(0).reduceGroup(new TotalCost()).returns(Types.DOUBLE_ARRAY);
        DataSet<double[]> sampled = points.mapPartition(new SampleCandidates(2.0 * k, seed)).returns(Types.DOUBLE_ARRAY)
                .name("k-means|| sampling").withBroadcastSet(loop, CANDIDATES).withBroadcastSet(cost, COST);
        DataSet<double[]> candidates = loop.closeWith(loop.union(sampled));
        return points.mapPartition(new CountNearest()).returns(Types.DOUBLE_ARRAY).withBroadcastSet(candidates, CANDIDATES)
                .mapPartition(new WeightedKMeansPlusPlus(k, seed)).returns(CENTROID).withBroadcastSet(candidates, CANDIDATES)
                .setParallelism(1);
    }

    // ---------------------------------------------------------------- Lloyd rounds

    /** The broadcast centroids, flat in id order (see {@link Centroids}). */
    private static double[] centroids(RuntimeContext context) {
        return Centroids.flatById(context.getBroadcastVariable(CENTROIDS));
    }

    /** Per block and centroid: {@code (id, [sum of the block's points nearest to it…, their number])}, k records. */
    private static final class AssignAndSum extends RichFlatMapFunction<VectorBlock, Tuple2<Integer, double[]>> {
        private static final long serialVersionUID = 1L;
        private transient double[] c;
        private transient int k;
        private transient double[] row;
        private final double[] distance = new double[1];

        @Override
        public void flatMap(VectorBlock block, Collector<Tuple2<Integer, double[]>> out) {
            if (c == null) {
                List<Tuple2<Integer, double[]>> broadcast = getRuntimeContext().getBroadcastVariable(CENTROIDS);
                k = broadcast.size();
                c = Centroids.flatById(broadcast);
                row = new double[broadcast.get(0).f1.length];
            }
            int d = row.length;
            checkDimension(block, d);
            double[][] sums = new double[k][d + 1];
            boolean dense = block.start() == null;
            double[] v = dense ? block.values() : row;
            for (int i = 0; i < block.rows(); i++) {
                int offset = dense ? i * d : 0;
                if (!dense) {
                    block.copyRow(i, row);
                }
                double[] s = sums[Centroids.nearest(v, offset, c, d, distance)];
                for (int j = 0; j < d; j++) {
                    s[j] += v[offset + j];
                }
                s[d] += 1;
            }
            for (int i = 0; i < k; i++) {
                out.collect(Tuple2.of(i, sums[i]));
            }
        }
    }

    private static void checkDimension(VectorBlock block, int d) {
        if (block.dimension() != d) {
            throw new IllegalArgumentException("The points have " + block.dimension() + " dimensions, the centroids have " + d);
        }
    }

    /** Per partition, {@code [Σ min squared distance]} to the broadcast centroids. */
    private static final class BlockCost extends RichGroupReduceFunction<VectorBlock, double[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public void reduce(Iterable<VectorBlock> blocks, Collector<double[]> out) {
            double[] c = centroids(getRuntimeContext());
            double[] distance = new double[1];
            double cost = 0;
            double[] row = null;
            for (VectorBlock block : blocks) {
                int d = block.dimension();
                checkDimension(block, c.length / getRuntimeContext().getBroadcastVariable(CENTROIDS).size());
                if (row == null) {
                    row = new double[d];
                }
                boolean dense = block.start() == null;
                for (int i = 0; i < block.rows(); i++) {
                    if (!dense) {
                        block.copyRow(i, row);
                    }
                    Centroids.nearest(dense ? block.values() : row, dense ? i * d : 0, c, d, distance);
                    cost += distance[0];
                }
            }
            out.collect(new double[] {cost});
        }
    }

    private static final class AddSums implements ReduceFunction<Tuple2<Integer, double[]>> {
        @Override
        public Tuple2<Integer, double[]> reduce(Tuple2<Integer, double[]> a, Tuple2<Integer, double[]> b) {
            double[] sum = a.f1.clone();
            for (int j = 0; j < sum.length; j++) {
                sum[j] += b.f1[j];
            }
            return Tuple2.of(a.f0, sum);
        }
    }

    /** The mean of the centroid's points, or the centroid itself when it has none. */
    private static final class UpdateCentroid extends RichMapFunction<Tuple2<Integer, double[]>, Tuple2<Integer, double[]>> {
        private static final long serialVersionUID = 1L;

        @Override
        public Tuple2<Integer, double[]> map(Tuple2<Integer, double[]> sums) {
            int d = sums.f1.length - 1;
            double count = sums.f1[d];
            if (count == 0) {
                return Tuple2.of(sums.f0, previous(getRuntimeContext(), sums.f0));
            }
            double[] mean = new double[d];
            for (int j = 0; j < d; j++) {
                mean[j] = sums.f1[j] / count;
            }
            return Tuple2.of(sums.f0, mean);
        }
    }

    private static double[] previous(RuntimeContext context, int id) {
        for (Tuple2<Integer, double[]> c : context.<Tuple2<Integer, double[]>>getBroadcastVariable(CENTROIDS)) {
            if (c.f0 == id) {
                return c.f1;
            }
        }
        throw new IllegalStateException("No centroid " + id + " in the round's centroids");
    }

    /** Passes a new centroid that differs from the round's: the iteration ends when none passes. */
    private static final class Changed extends RichFilterFunction<Tuple2<Integer, double[]>> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(Tuple2<Integer, double[]> next) {
            return !Arrays.equals(next.f1, previous(getRuntimeContext(), next.f0));
        }
    }

    /** Per partition, {@code [Σ min squared distance]} to the broadcast k-means|| candidates. */
    private static final class CandidateCost extends RichGroupReduceFunction<LabeledVector, double[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public void reduce(Iterable<LabeledVector> points, Collector<double[]> out) {
            double[] c = Centroids.sortedRows(getRuntimeContext().getBroadcastVariable(CANDIDATES));
            double[] distance = new double[1];
            double cost = 0;
            int d = -1;
            for (LabeledVector p : points) {
                if (d < 0) {
                    d = p.features().size();
                }
                Centroids.nearest(p.features(), c, d, distance);
                cost += distance[0];
            }
            out.collect(new double[] {cost});
        }
    }

    private static final class TagCost implements MapFunction<double[], Tuple2<Integer, double[]>> {
        @Override
        public Tuple2<Integer, double[]> map(double[] cost) {
            return Tuple2.of(-1, cost);
        }
    }

    // ---------------------------------------------------------------- initialisation

    /** The partition's {@code k} points of smallest key {@code mix64(seed ^ contentHash)}, with their keys. */
    private record SmallestKeys(int k, long seed) implements GroupReduceFunction<LabeledVector, Tuple2<Long, Vector>> {
        @Override
        public void reduce(Iterable<LabeledVector> points, Collector<Tuple2<Long, Vector>> out) {
            java.util.PriorityQueue<Tuple2<Long, Vector>> largestFirst =
                    new java.util.PriorityQueue<>((a, b) -> Long.compare(b.f0, a.f0));
            for (LabeledVector p : points) {
                long key = SeededHash.mix64(seed ^ p.features().contentHash());
                if (largestFirst.size() < k || key < largestFirst.peek().f0) {
                    largestFirst.add(Tuple2.of(key, p.features().toDense()));
                    if (largestFirst.size() > k) {
                        largestFirst.poll();
                    }
                }
            }
            largestFirst.forEach(out::collect);
        }
    }

    private record NumberSmallest(int k) implements GroupReduceFunction<Tuple2<Long, Vector>, Tuple2<Integer, double[]>> {
        @Override
        public void reduce(Iterable<Tuple2<Long, Vector>> keyed, Collector<Tuple2<Integer, double[]>> out) {
            List<Tuple2<Long, Vector>> all = new ArrayList<>();
            for (Tuple2<Long, Vector> t : keyed) {
                all.add(Tuple2.of(t.f0, t.f1)); // the iterator may reuse its tuple
            }
            if (all.size() < k) {
                throw new IllegalArgumentException("k-means needs at least k = " + k + " points, the data has " + all.size());
            }
            all.sort((a, b) -> Long.compare(a.f0, b.f0));
            for (int c = 0; c < k; c++) {
                out.collect(Tuple2.of(c, all.get(c).f1.toDense().values()));
            }
        }
    }

    private static final class Coordinates implements MapFunction<Tuple2<Integer, double[]>, double[]> {
        @Override
        public double[] map(Tuple2<Integer, double[]> centroid) {
            return centroid.f1;
        }
    }

    private static final class TotalCost extends RichGroupReduceFunction<Tuple2<Integer, double[]>, double[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public void reduce(Iterable<Tuple2<Integer, double[]>> costs, Collector<double[]> out) {
            out.collect(OneGroup.sum(costs));
        }
    }

    /**
     * Each point x joins the candidates with probability min(1, ℓ·d²(x)/φ), decided by a seeded hash
     * of its content and the round, so the sample does not depend on the parallelism.
     */
    private static final class SampleCandidates extends RichGroupReduceFunction<LabeledVector, double[]> {
        private static final long serialVersionUID = 1L;
        private final double oversampling;
        private final long seed;

        SampleCandidates(double oversampling, long seed) {
            this.oversampling = oversampling;
            this.seed = seed;
        }

        @Override
        public void reduce(Iterable<LabeledVector> points, Collector<double[]> out) {
            double[] candidates = Centroids.sortedRows(getRuntimeContext().getBroadcastVariable(CANDIDATES));
            double phi = getRuntimeContext().<double[]>getBroadcastVariable(COST).get(0)[0];
            long roundSeed = SeededHash.mix64(seed + getIterationRuntimeContext().getSuperstepNumber());
            double[] distance = new double[1];
            for (LabeledVector p : points) {
                Vector x = p.features();
                Centroids.nearest(x, candidates, x.size(), distance);
                if (phi > 0 && SeededHash.unit(roundSeed, x.contentHash()) < oversampling * distance[0] / phi) {
                    out.collect(x.toDense().values());
                }
            }
        }
    }

    /** Per partition, the number of points nearest to each candidate (candidates in lexicographic order). */
    private static final class CountNearest extends RichGroupReduceFunction<LabeledVector, double[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public void reduce(Iterable<LabeledVector> points, Collector<double[]> out) {
            List<double[]> rows = getRuntimeContext().getBroadcastVariable(CANDIDATES);
            double[] candidates = Centroids.sortedRows(rows);
            double[] counts = new double[rows.size()];
            double[] distance = new double[1];
            for (LabeledVector p : points) {
                counts[Centroids.nearest(p.features(), candidates, p.features().size(), distance)]++;
            }
            out.collect(counts);
        }
    }

    /** k-means++ on the weighted candidates (seeded), then 20 weighted Lloyd rounds among them. */
    private static final class WeightedKMeansPlusPlus extends RichGroupReduceFunction<double[], Tuple2<Integer, double[]>> {
        private static final long serialVersionUID = 1L;
        private static final int LOCAL_ROUNDS = 20;
        private final int k;
        private final long seed;

        WeightedKMeansPlusPlus(int k, long seed) {
            this.k = k;
            this.seed = seed;
        }

        @Override
        public void reduce(Iterable<double[]> partialCounts, Collector<Tuple2<Integer, double[]>> out) {
            List<double[]> rows = getRuntimeContext().getBroadcastVariable(CANDIDATES);
            int n = rows.size();
            int d = rows.get(0).length;
            double[] x = Centroids.sortedRows(rows);
            double[] weights = new double[n];
            for (double[] counts : partialCounts) {
                for (int i = 0; i < n; i++) {
                    weights[i] += counts[i];
                }
            }
            SplittableRandom random = new SplittableRandom(seed);
            double[] centers = new double[k * d];
            double[] nearest = new double[n];
            Arrays.fill(nearest, Double.POSITIVE_INFINITY);
            for (int c = 0; c < k; c++) {
                int chosen = pick(weights, nearest, random, c == 0);
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
            DenseVector[] candidates = new DenseVector[n];
            for (int i = 0; i < n; i++) {
                candidates[i] = new DenseVector(Arrays.copyOfRange(x, i * d, (i + 1) * d));
            }
            for (int round = 0; round < LOCAL_ROUNDS; round++) {
                double[] sums = new double[k * (d + 1)];
                for (int i = 0; i < n; i++) {
                    int c = Centroids.nearest(candidates[i], centers, d, distance);
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
            for (int c = 0; c < k; c++) {
                out.collect(Tuple2.of(c, Arrays.copyOfRange(centers, c * d, (c + 1) * d)));
            }
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
