package io.eddy.gelly.library.linkanalysis;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.IterativeDataSet;
import io.eddy.api.dataset.JoinHint;
import io.eddy.api.dataset.aggregators.DoubleSumAggregator;
import io.eddy.api.functions.CoGroupFunction;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatJoinFunction;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.rich.RichCoGroupFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.gelly.Edge;
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
 * <p>How it runs: the vertices are split into {@code B} blocks by id hash ({@link VertexBlocks}, {@code B} =
 * the environment's parallelism); the vertices and edges of each block are sent to one subtask (by the block
 * of the edge's source), which builds one {@link GraphBlock} record once: its vertex ids and their out-edges in
 * compressed sparse rows, each edge's target a <em>slot</em>, numbered among the block's distinct targets in
 * the target's block. Before the iteration each block tells every block the ids of its slots there, so that
 * each learns where the sums from each sender go ({@link RankBlock#inMap()}), and the total number of vertices.
 * The iteration then carries only the ranks: its step function joins each block's ranks with the block's edges
 * ({@link EdgeBlock}), a static input that the hash join builds into its table in managed memory in the first
 * superstep and keeps for the later ones; a block spreads its ranks along its edges into one array of sums per
 * target block (with its dangling rank), and each block adds up the {@code B} arrays it receives into its new
 * ranks: {@code B²} small records per superstep, no edge shuffled, sorted or joined, no object per vertex or edge.
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
        TypeInfo<GraphBlock<K>> graphType = GraphBlock.type(key);
        DataSet<GraphBlock<K>> built = VertexBlocks.pieces(graph, blocks, new EdgePiece<K, EV>(blocks))
                .mapPartition(VertexBlocks.<K, GraphBlock<K>>build(b -> new RankBuilder<>(b, blocks, personalisationSource)))
                .returns(graphType);
        DataSet<RankBlock> initial = built.coGroup(built.flatMap(new Addresses<K>()).returns(Address.type(key)))
                .where(0).equalTo(0).with(new FirstRanks<K>()).returns(RankBlock.TYPE);
        DataSet<EdgeBlock> edges = built.map(new EdgesOf<K>()).returns(EdgeBlock.TYPE);
        IterativeDataSet<RankBlock> loop = initial.iterate(iterations > 0 ? iterations : maxIterations);
        if (iterations == 0) {
            double limit = tolerance;
            loop.registerAggregationConvergenceCriterion(CHANGE, new DoubleSumAggregator(), (superstep, change) -> change < limit);
        }
        // the edges are the static build side: hashed into managed memory once, probed by each superstep's ranks
        DataSet<Contribution> sums = loop.join(edges, JoinHint.REPARTITION_HASH_SECOND).where(0).equalTo(0)
                .with(new Spread()).returns(Contribution.TYPE);
        DataSet<RankBlock> next = loop.coGroup(sums).where(0).equalTo(0).with(new Update(damping, iterations == 0))
                .returns(RankBlock.TYPE);
        return loop.closeWith(next).join(built).where(0).equalTo(0).with(new Ranks<K>()).returns(Types.TUPLE(key, Types.DOUBLE));
    }

    /**
     * One block of the graph, built once. {@code ids[i]} is vertex {@code i} of the block; its out-edges are
     * {@code targets[offsets[i] .. offsets[i + 1])}, each a slot {@code s}: for {@code targetStart[c] <= s <
     * targetStart[c + 1]}, the {@code (s - targetStart[c])}-th of the block's distinct targets in block {@code c},
     * {@code targetIds[s]}. {@code sourceIndex} is the number of the personalisation source in this block, -1 when
     * it is in another, -2 without personalisation.
     */
    public record GraphBlock<K>(Integer block, List<K> ids, int[] offsets, int[] targets, int[] targetStart, List<K> targetIds,
            Integer sourceIndex) {
        static <K> TypeInfo<GraphBlock<K>> type(TypeInfo<K> key) {
            return Types.RECORD(GraphBlock.class, Types.INT, Types.LIST(key), Types.INT_ARRAY, Types.INT_ARRAY, Types.INT_ARRAY,
                    Types.LIST(key), Types.INT);
        }
    }

    /** A block's out-edges, as in its {@link GraphBlock}: what each superstep spreads the ranks along. */
    public record EdgeBlock(Integer block, int[] offsets, int[] targets, int[] targetStart) {
        static final TypeInfo<EdgeBlock> TYPE = Types.RECORD(EdgeBlock.class, Types.INT, Types.INT_ARRAY, Types.INT_ARRAY,
                Types.INT_ARRAY);
    }

    /**
     * A block's ranks, {@code ranks[i]} of its vertex {@code i}, with what it needs to take in the sums: the sums
     * from block {@code b} for its slot {@code j} here go to vertex {@code inMap[inStart[b] + j]}; {@code vertexCount}
     * is N, {@code sourceIndex} as in {@link GraphBlock}.
     */
    public record RankBlock(Integer block, double[] ranks, int[] inMap, int[] inStart, Integer sourceIndex, Long vertexCount) {
        static final TypeInfo<RankBlock> TYPE = Types.RECORD(RankBlock.class, Types.INT, Types.DOUBLE_ARRAY, Types.INT_ARRAY,
                Types.INT_ARRAY, Types.INT, Types.LONG);
    }

    /** Block {@code sender}'s slots in block {@code target}, their ids in slot order, and the sender's number of vertices. */
    public record Address<K>(Integer target, Integer sender, List<K> ids, Long senderSize) {
        static <K> TypeInfo<Address<K>> type(TypeInfo<K> key) {
            return Types.RECORD(Address.class, Types.INT, Types.INT, Types.LIST(key), Types.LONG);
        }
    }

    /** What block {@code sender} sends block {@code target} in one superstep: the sums for its slots there, and its dangling rank. */
    public record Contribution(Integer target, Integer sender, double[] sums, Double dangling) {
        static final TypeInfo<Contribution> TYPE = Types.RECORD(Contribution.class, Types.INT, Types.INT, Types.DOUBLE_ARRAY,
                Types.DOUBLE);
    }

    /** The edge, to the block of its source. */
    private record EdgePiece<K, EV>(int blocks) implements FlatMapFunction<Edge<K, EV>, Tuple3<Integer, K, K>> {
        @Override
        public void flatMap(Edge<K, EV> edge, Collector<Tuple3<Integer, K, K>> out) {
            out.collect(Tuple3.of(VertexBlocks.of(edge.source(), blocks), edge.source(), edge.target()));
        }
    }

    /** A block's out-edges in compressed sparse rows, each target numbered among the block's distinct targets in its block. */
    private static final class RankBuilder<K> extends VertexBlocks.Builder<K, GraphBlock<K>> {
        private final K personalisationSource;

        RankBuilder(int block, int blocks, K personalisationSource) {
            super(block, blocks);
            this.personalisationSource = personalisationSource;
        }

        @Override
        protected GraphBlock<K> build() {
            VertexBlocks.Targets<K> distinct = targets();
            int edges = edges();
            int[] offsets = new int[ids.size() + 1];
            int[] sourceNumbers = new int[edges];
            int[] blockOf = new int[edges];
            int[] numberIn = new int[edges];
            for (int e = 0; e < edges; e++) {
                int s = sourceNumber(e);
                if (s < 0) {
                    throw new IllegalArgumentException("PageRank: edge " + source(e) + " -> " + end(e) + " starts at a vertex "
                            + "that is not in the graph: build the graph from its edges, or add the vertex");
                }
                int c = endBlock(e);
                sourceNumbers[e] = s;
                blockOf[e] = c;
                numberIn[e] = addEnd(distinct, c, e);
                offsets[s + 1]++;
            }
            dropEdges();
            for (int i = 0; i < ids.size(); i++) {
                offsets[i + 1] += offsets[i];
            }
            int[] targetStart = distinct.starts();
            int[] targets = new int[edges];
            int[] fill = Arrays.copyOf(offsets, ids.size());
            for (int e = 0; e < edges; e++) {
                targets[fill[sourceNumbers[e]]++] = targetStart[blockOf[e]] + numberIn[e];
            }
            int sourceIndex = personalisationSource == null ? NOT_PERSONALISED : numberOf(personalisationSource);
            return new GraphBlock<>(block, ids, offsets, targets, targetStart, distinct.ids(), sourceIndex);
        }
    }

    /** A block's slots in each block (every block, so that each learns N), with the block's size. */
    private record Addresses<K>() implements FlatMapFunction<GraphBlock<K>, Address<K>> {
        @Override
        public void flatMap(GraphBlock<K> block, Collector<Address<K>> out) {
            int[] targetStart = block.targetStart();
            for (int c = 0; c + 1 < targetStart.length; c++) {
                out.collect(new Address<>(c, block.block(), block.targetIds().subList(targetStart[c], targetStart[c + 1]),
                        (long) block.ids().size()));
            }
        }
    }

    /** A block's first ranks (1/N each, or all on the personalisation source) and where the sums it will receive go. */
    private record FirstRanks<K>() implements CoGroupFunction<GraphBlock<K>, Address<K>, RankBlock> {
        @Override
        public void coGroup(Iterable<GraphBlock<K>> graph, Iterable<Address<K>> addresses, Collector<RankBlock> out) {
            List<Address<K>> received = new ArrayList<>();
            addresses.forEach(received::add);
            Iterator<GraphBlock<K>> it = graph.iterator();
            if (!it.hasNext()) {
                for (Address<K> address : received) {
                    if (!address.ids().isEmpty()) {
                        throw VertexBlocks.notAVertex("PageRank", address.ids().get(0));
                    }
                }
                return;
            }
            GraphBlock<K> block = it.next();
            long n = 0;
            int[] senders = new int[received.size()];
            List<List<K>> sent = new ArrayList<>();
            for (int k = 0; k < senders.length; k++) {
                n += received.get(k).senderSize();
                senders[k] = received.get(k).sender();
                sent.add(received.get(k).ids());
            }
            int[] inStart = new int[block.targetStart().length];
            int[] inMap = VertexBlocks.learnSenders("PageRank", block.ids(), senders, sent, inStart, i -> i);
            double[] ranks = new double[block.ids().size()];
            if (block.sourceIndex() == NOT_PERSONALISED) {
                Arrays.fill(ranks, 1.0 / n);
            } else if (block.sourceIndex() >= 0) {
                ranks[block.sourceIndex()] = 1.0;
            }
            out.collect(new RankBlock(block.block(), ranks, inMap, inStart, block.sourceIndex(), n));
        }
    }

    private record EdgesOf<K>() implements MapFunction<GraphBlock<K>, EdgeBlock> {
        @Override
        public EdgeBlock map(GraphBlock<K> block) {
            return new EdgeBlock(block.block(), block.offsets(), block.targets(), block.targetStart());
        }
    }

    /** A block's contributions: one array of sums per target block, with the block's dangling rank. */
    private record Spread() implements FlatJoinFunction<RankBlock, EdgeBlock, Contribution> {
        @Override
        public void join(RankBlock block, EdgeBlock edges, Collector<Contribution> out) {
            int[] targetStart = edges.targetStart();
            double[] sums = new double[targetStart[targetStart.length - 1]];
            double[] ranks = block.ranks();
            int[] offsets = edges.offsets();
            int[] targets = edges.targets();
            double dangling = 0;
            for (int i = 0; i < ranks.length; i++) {
                int from = offsets[i];
                int to = offsets[i + 1];
                if (from == to) {
                    dangling += ranks[i];
                    continue;
                }
                double share = ranks[i] / (to - from);
                for (int e = from; e < to; e++) {
                    sums[targets[e]] += share;
                }
            }
            for (int c = 0; c + 1 < targetStart.length; c++) {
                out.collect(new Contribution(c, block.block(), Arrays.copyOfRange(sums, targetStart[c], targetStart[c + 1]), dangling));
            }
        }
    }

    /** A block's new ranks from the sums every block sent it and their dangling ranks. */
    private static final class Update extends RichCoGroupFunction<RankBlock, Contribution, RankBlock> {
        private static final long serialVersionUID = 1L;

        private final double damping;
        private final boolean measureChange;

        Update(double damping, boolean measureChange) {
            this.damping = damping;
            this.measureChange = measureChange;
        }

        @Override
        public void coGroup(Iterable<RankBlock> state, Iterable<Contribution> received, Collector<RankBlock> out) {
            Iterator<RankBlock> it = state.iterator();
            if (!it.hasNext()) {
                return;
            }
            RankBlock block = it.next();
            int[] inMap = block.inMap();
            int[] inStart = block.inStart();
            double[] total = new double[block.ranks().length];
            double dangling = 0;
            for (Contribution c : received) {
                double[] sums = c.sums();
                int base = inStart[c.sender()];
                for (int j = 0; j < sums.length; j++) {
                    total[inMap[base + j]] += sums[j];
                }
                dangling += c.dangling();
            }
            long n = block.vertexCount();
            boolean personalised = block.sourceIndex() != NOT_PERSONALISED;
            double[] old = block.ranks();
            double change = 0;
            for (int i = 0; i < total.length; i++) {
                double rank = personalised
                        ? (i == block.sourceIndex() ? 1 - damping + damping * dangling : 0) + damping * total[i]
                        : (1 - damping) / n + damping * (dangling / n + total[i]);
                change += Math.abs(rank - old[i]);
                total[i] = rank;
            }
            if (measureChange) {
                getIterationRuntimeContext().<DoubleSumAggregator>getIterationAggregator(CHANGE).aggregate(change);
            }
            out.collect(new RankBlock(block.block(), total, inMap, inStart, block.sourceIndex(), n));
        }
    }

    /** Each vertex of a block with its final rank. */
    private record Ranks<K>() implements FlatJoinFunction<RankBlock, GraphBlock<K>, Tuple2<K, Double>> {
        @Override
        public void join(RankBlock ranks, GraphBlock<K> block, Collector<Tuple2<K, Double>> out) {
            for (int i = 0; i < ranks.ranks().length; i++) {
                out.collect(Tuple2.of(block.ids().get(i), ranks.ranks()[i]));
            }
        }
    }
}
