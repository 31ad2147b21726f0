package io.eddy.ml.recommendation;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.IterativeDataSet;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FilterFunction;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.TypeExtractor;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.ml.io.Ratings;
import io.eddy.ml.linalg.DenseMatrix;
import io.eddy.ml.pipeline.Param;
import io.eddy.ml.pipeline.WithParams;
import io.eddy.ml.statistics.SeededHash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Alternating least squares for explicit ratings, ALS-WR (Zhou et al. 2008): user factors xᵤ and item
 * factors yᵢ of {@link #RANK} dimensions minimising
 * <pre>  Σ_(u,i,r) (r − xᵤ·yᵢ)² + λ·(Σᵤ nᵤ‖xᵤ‖² + Σᵢ nᵢ‖yᵢ‖²)</pre>
 * (nᵤ, nᵢ the numbers of ratings of user u and item i; a repeated (u, i) pair counts as two ratings).
 * Item factors start at yᵢⱼ = {@link SeededHash#unit}(seed, mix64(i) + j); each of the
 * {@link #ITERATIONS} iterations solves every user, xᵤ = (Σᵢ yᵢyᵢᵀ + λnᵤI)⁻¹ Σᵢ r·yᵢ over u's
 * ratings, then every item the same way from the new user factors.
 *
 * <p>Blocked, one job: the ratings are grouped once into {@link #BLOCKS} user blocks (user u in block
 * mix64(u) mod B) and as many item blocks, each a {@link RatingBlock}. A native bulk iteration carries
 * the factors as {@link FactorBlock}s; each iteration solves the user blocks with the item factors as
 * a broadcast set, then the item blocks with the new user factors as one.
 */
public final class Als extends WithParams<Als> {
    private static final long serialVersionUID = 1L;

    public static final Param<Integer> RANK = Param.intParam("rank", "the number of latent factors", 10, Param.atLeast(1));
    public static final Param<Double> LAMBDA = Param.doubleParam("lambda", "the regularization λ (weighted by the rating counts)",
            0.1, Param.greaterThan(0.0));
    public static final Param<Integer> ITERATIONS = Param.intParam("iterations", "the number of user-then-item rounds", 10,
            Param.atLeast(1));
    public static final Param<Long> SEED = Param.longParam("seed", "seed of the initial item factors", 0L);
    public static final Param<Integer> BLOCKS = Param.intParam("blocks",
            "user blocks and item blocks (0: the parallelism)", 0, Param.atLeast(0));

    static final int USERS = 0;
    static final int ITEMS = 1;
    private static final String OTHER = "other-side factors";

    /** Trains on {@code (user, item, rating)} records; the factors are collected into the model. */
    public AlsModel fit(DataSet<Tuple3<Long, Long, Double>> ratings) throws Exception {
        int rank = get(RANK);
        Map<Long, double[]> userFactors = new HashMap<>();
        Map<Long, double[]> itemFactors = new HashMap<>();
        for (FactorBlock b : train(ratings).collect()) {
            Map<Long, double[]> target = b.side() == USERS ? userFactors : itemFactors;
            for (int k = 0; k < b.ids().length; k++) {
                target.put(b.ids()[k], Arrays.copyOfRange(b.factors(), k * rank, (k + 1) * rank));
            }
        }
        return new AlsModel(rank, userFactors, itemFactors);
    }

    /**
     * The factors trained on {@code (user, item, rating)} records, as the cluster holds them: a
     * {@link FactorBlock} per user block and per item block, for a program that writes them where they
     * are ({@link AlsFactorFiles}) instead of collecting them with {@link #fit}.
     */
    public DataSet<FactorBlock> train(DataSet<Tuple3<Long, Long, Double>> ratings) {
        int blocks = get(BLOCKS) > 0 ? get(BLOCKS) : ratings.getExecutionEnvironment().getParallelism();
        int rank = get(RANK);
        TypeInfo<RatingBlock> ratingType = TypeExtractor.forClass(RatingBlock.class);
        TypeInfo<FactorBlock> factorType = TypeExtractor.forClass(FactorBlock.class);
        DataSet<RatingBlock> userBlocks = blocks(ratings, USERS, blocks, ratingType);
        DataSet<RatingBlock> itemBlocks = blocks(ratings, ITEMS, blocks, ratingType);
        DataSet<FactorBlock> initial = itemBlocks.map(new InitialFactors(rank, get(SEED))).returns(factorType);
        IterativeDataSet<FactorBlock> loop = initial.iterate(get(ITERATIONS)).name("ALS iterations");
        DataSet<FactorBlock> users = userBlocks.map(new Solve(rank, get(LAMBDA), blocks)).returns(factorType)
                .name("solve users").withBroadcastSet(loop.filter(new IsItems()), OTHER);
        DataSet<FactorBlock> items = itemBlocks.map(new Solve(rank, get(LAMBDA), blocks)).returns(factorType)
                .name("solve items").withBroadcastSet(users, OTHER);
        return loop.closeWith(users.union(items));
    }

    /** The block of an id: mix64(id) mod blocks. */
    static int blockOf(long id, int blocks) {
        return (int) Math.floorMod(SeededHash.mix64(id), (long) blocks);
    }

    /** The initial factor j of item i. */
    static double initialFactor(long seed, long item, int j) {
        return SeededHash.unit(seed, SeededHash.mix64(item) + j);
    }

    private static DataSet<RatingBlock> blocks(DataSet<Tuple3<Long, Long, Double>> ratings, int side, int blocks,
                                               TypeInfo<RatingBlock> type) {
        return ratings.map(new KeyByBlock(side, blocks)).returns(Types.TUPLE(Types.INT, Ratings.TYPE))
                .groupBy(0).reduceGroup(new BuildRatingBlock(side)).returns(type)
                .name(side == USERS ? "user blocks" : "item blocks");
    }

    private record KeyByBlock(int side, int blocks)
            implements MapFunction<Tuple3<Long, Long, Double>, Tuple2<Integer, Tuple3<Long, Long, Double>>> {
        @Override
        public Tuple2<Integer, Tuple3<Long, Long, Double>> map(Tuple3<Long, Long, Double> r) {
            return Tuple2.of(blockOf(side == USERS ? r.f0 : r.f1, blocks), r);
        }
    }

    /** Sorts a block's ratings by the own id (then as they came) into a {@link RatingBlock}. */
    private record BuildRatingBlock(int side)
            implements GroupReduceFunction<Tuple2<Integer, Tuple3<Long, Long, Double>>, RatingBlock> {
        @Override
        public void reduce(Iterable<Tuple2<Integer, Tuple3<Long, Long, Double>>> group, Collector<RatingBlock> out) {
            int block = -1;
            List<Tuple3<Long, Long, Double>> list = new ArrayList<>();
            for (Tuple2<Integer, Tuple3<Long, Long, Double>> t : group) {
                block = t.f0;
                Tuple3<Long, Long, Double> r = t.f1;
                list.add(side == USERS ? Tuple3.of(r.f0, r.f1, r.f2) : Tuple3.of(r.f1, r.f0, r.f2));
            }
            list.sort((a, b) -> Long.compare(a.f0, b.f0));
            long[] own = new long[list.size()];
            int distinct = 0;
            int[] start = new int[list.size() + 1];
            long[] others = new long[list.size()];
            double[] values = new double[list.size()];
            for (int k = 0; k < list.size(); k++) {
                Tuple3<Long, Long, Double> r = list.get(k);
                if (distinct == 0 || own[distinct - 1] != r.f0) {
                    own[distinct] = r.f0;
                    start[distinct] = k;
                    distinct++;
                }
                others[k] = r.f1;
                values[k] = r.f2;
            }
            start[distinct] = list.size();
            out.collect(new RatingBlock(side, block, Arrays.copyOf(own, distinct), Arrays.copyOf(start, distinct + 1), others, values));
        }
    }

    private record InitialFactors(int rank, long seed) implements MapFunction<RatingBlock, FactorBlock> {
        @Override
        public FactorBlock map(RatingBlock items) {
            double[] factors = new double[items.ids().length * rank];
            for (int k = 0; k < items.ids().length; k++) {
                for (int j = 0; j < rank; j++) {
                    factors[k * rank + j] = initialFactor(seed, items.ids()[k], j);
                }
            }
            return new FactorBlock(ITEMS, items.block(), items.ids(), factors);
        }
    }

    private static final class IsItems implements FilterFunction<FactorBlock> {
        @Override
        public boolean filter(FactorBlock b) {
            return b.side() == ITEMS;
        }
    }

    /** Solves every id of a rating block from the other side's factors (the broadcast set). */
    private static final class Solve extends RichMapFunction<RatingBlock, FactorBlock> {
        private static final long serialVersionUID = 1L;
        private final int rank;
        private final double lambda;
        private final int blocks;

        Solve(int rank, double lambda, int blocks) {
            this.rank = rank;
            this.lambda = lambda;
            this.blocks = blocks;
        }

        @Override
        public FactorBlock map(RatingBlock ratings) {
            FactorBlock[] other = new FactorBlock[blocks];
            for (FactorBlock b : getRuntimeContext().<FactorBlock>getBroadcastVariable(OTHER)) {
                other[b.block()] = b;
            }
            int n = ratings.ids().length;
            double[] factors = new double[n * rank];
            double[] a = new double[rank * rank];
            double[] rhs = new double[rank];
            for (int k = 0; k < n; k++) {
                Arrays.fill(a, 0);
                Arrays.fill(rhs, 0);
                int count = ratings.start()[k + 1] - ratings.start()[k];
                for (int e = ratings.start()[k]; e < ratings.start()[k + 1]; e++) {
                    long id = ratings.others()[e];
                    FactorBlock b = other[blockOf(id, blocks)];
                    int at = b == null ? -1 : Arrays.binarySearch(b.ids(), id);
                    if (at < 0) {
                        throw new IllegalStateException("No factor for " + (ratings.side() == USERS ? "item " : "user ") + id);
                    }
                    double[] y = b.factors();
                    int base = at * rank;
                    double r = ratings.values()[e];
                    for (int i = 0; i < rank; i++) {
                        double yi = y[base + i];
                        rhs[i] += r * yi;
                        for (int j = 0; j <= i; j++) {
                            a[i * rank + j] += yi * y[base + j];
                        }
                    }
                }
                for (int i = 0; i < rank; i++) {
                    a[i * rank + i] += lambda * count;
                }
                System.arraycopy(new DenseMatrix(rank, rank, a).solveSymmetricPositiveDefinite(rhs), 0, factors, k * rank, rank);
            }
            return new FactorBlock(ratings.side(), ratings.block(), ratings.ids(), factors);
        }
    }
}
