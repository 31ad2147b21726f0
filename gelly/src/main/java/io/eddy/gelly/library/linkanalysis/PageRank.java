package io.eddy.gelly.library.linkanalysis;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.IterativeDataSet;
import io.eddy.api.dataset.aggregators.DoubleSumAggregator;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.functions.rich.RichCoGroupFunction;
import io.eddy.api.functions.rich.RichFlatMapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.gelly.Graph;
import io.eddy.gelly.GraphAlgorithm;
import io.eddy.gelly.library.VertexBlocks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * PageRank, {@code (id, rank)} for every vertex, on a native bulk iteration. With damping {@code d}
 * (default 0.85) and {@code N} vertices, {@code PR₀(v) = 1/N} and one iteration sets
 * <pre>  PR'(v) = (1 − d)/N + d · (S/N + Σ over edges u → v of PR(u) / outdeg(u))</pre>
 * where {@code S} is the total rank of the vertices without out-edges (so the ranks keep summing to 1);
 * parallel edges count each, edge values are ignored. {@link #iterations(int)} runs exactly that many
 * iterations; otherwise it runs until the L1 change of an iteration, {@code Σ |PR'(v) − PR(v)|}, is
 * below the tolerance (default 1e-9), at most {@link #maxIterations} times.
 *
 * <p>Personalised PageRank ({@link #personalized(Object)}) teleports to one source vertex {@code s}
 * instead: {@code PR₀ = [v = s]}, {@code PR'(v) = (1 − d)·[v = s] + d · (S·[v = s] + Σ PR(u)/outdeg(u))}.
 *
 * <p>How it runs: the vertices are split into {@code B} blocks by id hash ({@code B} = the environment's
 * parallelism); the vertices and edges of each block are sent to one subtask (by the block of the edge's
 * source), which builds one {@link RankBlock} record: its vertices' ranks and their out-edges in compressed
 * sparse rows, each edge's target numbered among the block's distinct targets in the target's block. The
 * graph is static, so it is indexed once, with no sort and no join, and then travels with the ranks. Each
 * iteration a block spreads its ranks along its edges into one array of sums per target block (with its
 * dangling rank), and each block adds up the {@code B} arrays it receives into its new ranks, through a
 * mapping from each sender's numbering to its own learnt in the first iteration: {@code B²} records per
 * iteration, no edge shuffled, sorted or joined, no object per vertex or edge.
 *
 * <p>Sums are taken in no fixed order, so ranks agree with another implementation within relative ~1e-12.
 */
public final class PageRank<K, VV, EV> implements GraphAlgorithm<K, VV, EV, DataSet<Tuple2<K, Double>>> {
    private static final String CHANGE = "l1-change";
    /** {@link RankBlock#sourceIndex()} of plain PageRank. */
    private static final int NOT_PERSONALISED = -2;

    private double damping = 0.85;
    private int iterations;
    private double tolerance = 1e-9;
    private int maxIterations = 1000;
    private K source;

    public PageRank<K, VV, EV> damping(double damping) {
        if (!(damping > 0 && damping < 1)) {
            throw new IllegalArgumentException("The damping factor is between 0 and 1 (exclusive), not " + damping);
        }
        this.damping = damping;
        return this;
    }

    /** Runs exactly {@code iterations} iterations, no convergence test. */
    public PageRank<K, VV, EV> iterations(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("PageRank runs at least 1 iteration, not " + iterations);
        }
        this.iterations = iterations;
        return this;
    }

    /** Runs until an iteration changes the ranks by less than {@code tolerance} in L1 norm (at most {@code maxIterations}). */
    public PageRank<K, VV, EV> tolerance(double tolerance, int maxIterations) {
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.iterations = 0;
        return this;
    }

    /** Personalised PageRank: all teleports and dangling rank go to {@code source}. */
    public PageRank<K, VV, EV> personalized(K source) {
        this.source = source;
        return this;
    }

    @Override
    public DataSet<Tuple2<K, Double>> run(Graph<K, VV, EV> graph) {
        TypeInfo<K> key = graph.getKeyType();
        int blocks = Math.max(1, graph.getExecutionEnvironment().getParallelism());
        K personalisationSource = source;
        TypeInfo<RankBlock<K>> blockType = RankBlock.type(key);
        DataSet<RankBlock<K>> initial = VertexBlocks.pieces(graph, blocks, new EdgePiece<K>(blocks))
                .mapPartition(VertexBlocks.<K, RankBlock<K>>build(b -> new RankBuilder<>(b, blocks, personalisationSource)))
                .returns(blockType);
        IterativeDataSet<RankBlock<K>> loop = initial.iterate(iterations > 0 ? iterations : maxIterations);
        if (iterations == 0) {
            double limit = tolerance;
            loop.registerAggregationConvergenceCriterion(CHANGE, new DoubleSumAggregator(), (superstep, change) -> change < limit);
        }
        DataSet<Contribution<K>> sums = loop.flatMap(new Spread<K>()).returns(Contribution.type(key));
        DataSet<RankBlock<K>> next = loop.coGroup(sums).where(0).equalTo(0).with(new Update<K>(damping, iterations == 0))
                .returns(blockType);
        return loop.closeWith(next).flatMap(new Ranks<K>()).returns(Types.TUPLE(key, Types.DOUBLE));
    }

    /**
     * One block of the graph with its vertices' ranks. {@code ids[i]} is vertex {@code i} of the block; its
     * out-edges are {@code targets[offsets[i] .. offsets[i + 1])}, each {@code c << 32 | j}: the {@code j}-th
     * of the block's distinct targets in block {@code c}, {@code targetIds[targetStart[c] + j]}. The first
     * superstep teaches each block the numbering of the targets the other blocks send it (after which
     * {@code targetIds} is empty): the sums from block {@code b} go to vertices {@code inMap[inStart[b] ..]}. {@code vertexCount} is N (0 until then);
     * {@code sourceIndex} the number of the personalisation source in this block, -1 when it is in another,
     * -2 without personalisation. Before the first superstep plain PageRank's ranks are 1 (not yet 1/N).
     */
    public record RankBlock<K>(Integer block, List<K> ids, double[] ranks, int[] offsets, long[] targets, List<K> targetIds,
            int[] targetStart, int[] inMap, int[] inStart, Integer sourceIndex, Long vertexCount) {
        static <K> TypeInfo<RankBlock<K>> type(TypeInfo<K> key) {
            return Types.RECORD(RankBlock.class, Types.INT, Types.LIST(key), Types.DOUBLE_ARRAY, Types.INT_ARRAY,
                    Types.LONG_ARRAY, Types.LIST(key), Types.INT_ARRAY, Types.INT_ARRAY, Types.INT_ARRAY, Types.INT, Types.LONG);
        }
    }

    /**
     * What block {@code sender} sends block {@code target} in one superstep: the sums for its distinct targets
     * there (their ids only in the first superstep, null later), its dangling rank and its number of vertices.
     */
    public record Contribution<K>(Integer target, Integer sender, double[] sums, List<K> ids, Double dangling, Long senderSize) {
        static <K> TypeInfo<Contribution<K>> type(TypeInfo<K> key) {
            return Types.RECORD(Contribution.class, Types.INT, Types.INT, Types.DOUBLE_ARRAY, Types.LIST(key), Types.DOUBLE,
                    Types.LONG);
        }
    }

    /** The edge, to the block of its source. */
    private record EdgePiece<K>(int blocks) implements FlatMapFunction<Tuple2<K, K>, Tuple3<Integer, K, K>> {
        @Override
        public void flatMap(Tuple2<K, K> edge, Collector<Tuple3<Integer, K, K>> out) {
            out.collect(Tuple3.of(VertexBlocks.of(edge.f0, blocks), edge.f0, edge.f1));
        }
    }

    /** A block's out-edges in compressed sparse rows, each target numbered among the block's distinct targets in its block. */
    private static final class RankBuilder<K> extends VertexBlocks.Builder<K, RankBlock<K>> {
        private final K personalisationSource;

        RankBuilder(int block, int blocks, K personalisationSource) {
            super(block, blocks);
            this.personalisationSource = personalisationSource;
        }

        @Override
        protected RankBlock<K> build() {
            VertexBlocks.Targets<K> distinct = targets();
            int edges = edges();
            int[] offsets = new int[ids.size() + 1];
            int[] sourceNumbers = new int[edges];
            long[] unsorted = new long[edges];
            for (int e = 0; e < edges; e++) {
                int s = numberOf(source(e));
                if (s < 0) {
                    throw new IllegalArgumentException("PageRank: edge " + source(e) + " -> " + end(e) + " starts at a vertex "
                            + "that is not in the graph: build the graph from its edges, or add the vertex");
                }
                int c = VertexBlocks.of(end(e), blocks);
                sourceNumbers[e] = s;
                unsorted[e] = ((long) c << 32) | distinct.add(c, end(e));
                offsets[s + 1]++;
            }
            dropEdges();
            for (int i = 0; i < ids.size(); i++) {
                offsets[i + 1] += offsets[i];
            }
            long[] targets = new long[edges];
            int[] fill = Arrays.copyOf(offsets, ids.size());
            for (int e = 0; e < edges; e++) {
                targets[fill[sourceNumbers[e]]++] = unsorted[e];
            }
            double[] ranks = new double[ids.size()];
            int sourceIndex = NOT_PERSONALISED;
            if (personalisationSource == null) {
                Arrays.fill(ranks, 1.0);
            } else {
                sourceIndex = numberOf(personalisationSource);
                if (sourceIndex >= 0) {
                    ranks[sourceIndex] = 1.0;
                }
            }
            return new RankBlock<>(block, ids, ranks, offsets, targets, distinct.ids(), distinct.starts(), new int[0], new int[0],
                    sourceIndex, 0L);
        }
    }

    /** A block's contributions: one array of sums per target block, with the block's dangling rank and size. */
    private static final class Spread<K> extends RichFlatMapFunction<RankBlock<K>, Contribution<K>> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(RankBlock<K> block, Collector<Contribution<K>> out) {
            int[] targetStart = block.targetStart();
            int blocks = targetStart.length - 1;
            double[][] sums = new double[blocks][];
            for (int c = 0; c < blocks; c++) {
                sums[c] = new double[targetStart[c + 1] - targetStart[c]];
            }
            double[] ranks = block.ranks();
            int[] offsets = block.offsets();
            long[] targets = block.targets();
            double dangling = 0;
            for (int i = 0; i < ranks.length; i++) {
                int degree = offsets[i + 1] - offsets[i];
                if (degree == 0) {
                    dangling += ranks[i];
                    continue;
                }
                double share = ranks[i] / degree;
                for (int e = offsets[i]; e < offsets[i + 1]; e++) {
                    long t = targets[e];
                    sums[(int) (t >>> 32)][(int) t] += share;
                }
            }
            boolean first = getIterationRuntimeContext().getSuperstepNumber() == 1;
            for (int c = 0; c < blocks; c++) {
                List<K> ids = first ? block.targetIds().subList(targetStart[c], targetStart[c + 1]) : null;
                out.collect(new Contribution<>(c, block.block(), sums[c], ids, dangling, (long) ranks.length));
            }
        }
    }

    /** A block's new ranks from the sums every block sent it and their dangling ranks. */
    private static final class Update<K> extends RichCoGroupFunction<RankBlock<K>, Contribution<K>, RankBlock<K>> {
        private static final long serialVersionUID = 1L;

        private final double damping;
        private final boolean measureChange;

        Update(double damping, boolean measureChange) {
            this.damping = damping;
            this.measureChange = measureChange;
        }

        @Override
        public void coGroup(Iterable<RankBlock<K>> state, Iterable<Contribution<K>> received, Collector<RankBlock<K>> out) {
            Iterator<RankBlock<K>> it = state.iterator();
            if (!it.hasNext()) {
                return;
            }
            RankBlock<K> block = it.next();
            List<Contribution<K>> contributions = new ArrayList<>();
            received.forEach(contributions::add);
            int[] inMap = block.inMap();
            int[] inStart = block.inStart();
            long n = block.vertexCount();
            boolean first = n == 0;
            if (first) {
                // learn N and where each block's sums go
                int[] senders = new int[contributions.size()];
                List<List<K>> sent = new ArrayList<>();
                for (int k = 0; k < senders.length; k++) {
                    n += contributions.get(k).senderSize();
                    senders[k] = contributions.get(k).sender();
                    sent.add(contributions.get(k).ids());
                }
                inStart = new int[block.targetStart().length];
                inMap = VertexBlocks.learnSenders("PageRank", block.ids(), senders, sent, inStart, i -> i);
            }
            double[] total = new double[block.ranks().length];
            double dangling = 0;
            for (Contribution<K> c : contributions) {
                double[] sums = c.sums();
                int base = inStart[c.sender()];
                for (int j = 0; j < sums.length; j++) {
                    total[inMap[base + j]] += sums[j];
                }
                dangling += c.dangling();
            }
            boolean personalised = block.sourceIndex() != NOT_PERSONALISED;
            // plain PageRank starts from ranks 1 instead of 1/N (N was unknown): scale the first sums
            double scale = first && !personalised ? 1.0 / n : 1.0;
            double[] old = block.ranks();
            double change = 0;
            for (int i = 0; i < total.length; i++) {
                double sum = total[i] * scale;
                double rank = personalised
                        ? (i == block.sourceIndex() ? 1 - damping + damping * dangling : 0) + damping * sum
                        : (1 - damping) / n + damping * (dangling * scale / n + sum);
                change += Math.abs(rank - old[i] * scale);
                total[i] = rank;
            }
            if (measureChange) {
                getIterationRuntimeContext().<DoubleSumAggregator>getIterationAggregator(CHANGE).aggregate(change);
            }
            // the target ids served the first superstep only: the later ones need not carry them
            out.collect(new RankBlock<>(block.block(), block.ids(), total, block.offsets(), block.targets(), List.of(),
                    block.targetStart(), inMap, inStart, block.sourceIndex(), n));
        }
    }

    private record Ranks<K>() implements FlatMapFunction<RankBlock<K>, Tuple2<K, Double>> {
        @Override
        public void flatMap(RankBlock<K> block, Collector<Tuple2<K, Double>> out) {
            for (int i = 0; i < block.ranks().length; i++) {
                out.collect(Tuple2.of(block.ids().get(i), block.ranks()[i]));
            }
        }
    }
}
