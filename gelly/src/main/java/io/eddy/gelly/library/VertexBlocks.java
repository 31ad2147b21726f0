package io.eddy.gelly.library;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.Partitioner;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.gelly.Edge;
import io.eddy.gelly.Graph;
import io.eddy.gelly.Vertex;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The split of a graph's vertices into {@code B} blocks by id hash, for the algorithms that keep each
 * block of the graph in one record built once ({@code PageRank}, {@code ConnectedComponents}' blocks),
 * and the part of building those records that they share.
 *
 * <p>A vertex's block is {@link #of}; {@link #pieces} turns the graph into <em>pieces</em>
 * {@code (block, vertex, null)} for every vertex and {@code (block, vertex, other end)} for each edge
 * piece the algorithm makes of an edge, partitioned so that block {@code b} is on subtask {@code b mod p};
 * {@link #build} then collects each block's pieces into a {@link Builder} (vertices numbered in arrival
 * order, an edge possibly before its vertices), from which the algorithm's subclass builds the block's
 * record. {@link Targets} numbers a block's distinct edge ends per block they lie in, the numbering by
 * which blocks address each other's vertices, and {@link #learnSenders} learns the other side of it.
 */
public final class VertexBlocks {
    private VertexBlocks() {}

    /** The block of vertex {@code id}; the hash is mixed so that ids with a pattern in their low bits spread evenly. */
    public static int of(Object id, int blocks) {
        return ofHash(id.hashCode(), blocks);
    }

    private static int ofHash(int hash, int blocks) {
        int h = hash * 0x9E3779B9;
        return Math.floorMod(h ^ (h >>> 16), blocks);
    }

    /** Partitions on an {@code Integer} block number. */
    public static final Partitioner<Object> BY_BLOCK = new ByBlock();

    private static final class ByBlock implements Partitioner<Object> {
        private static final long serialVersionUID = 1L;

        @Override
        public int partition(Object block, int partitions) {
            return (Integer) block % partitions;
        }
    }

    /**
     * The pieces of {@code graph}, each block's on one subtask: {@code (block, vertex, null)} for every vertex,
     * and what {@code edgePieces} makes of each edge {@code (source, target)}: {@code (block, vertex, other end)}.
     */
    public static <K, VV, EV> DataSet<Tuple3<Integer, K, K>> pieces(Graph<K, VV, EV> graph, int blocks,
            FlatMapFunction<Edge<K, EV>, Tuple3<Integer, K, K>> edgePieces) {
        TypeInfo<Tuple3<Integer, K, K>> pieceType = Types.TUPLE(Types.INT, graph.getKeyType(), graph.getKeyType());
        return graph.getVertices().map(new VertexPiece<K, VV>(blocks)).returns(pieceType)
                .union(graph.getEdges().flatMap(edgePieces).returns(pieceType))
                .partitionCustom(BY_BLOCK, 0);
    }

    /** Builds the record of every block among a subtask's pieces, in block order, with a builder per block from {@code builders}. */
    public static <K, B> GroupReduceFunction<Tuple3<Integer, K, K>, B> build(Builders<K, B> builders) {
        return new Build<>(builders);
    }

    /** Makes the builder of a block. */
    @FunctionalInterface
    public interface Builders<K, B> extends Serializable {
        Builder<K, B> create(int block);
    }

    private record VertexPiece<K, VV>(int blocks) implements MapFunction<Vertex<K, VV>, Tuple3<Integer, K, K>> {
        @Override
        public Tuple3<Integer, K, K> map(Vertex<K, VV> vertex) {
            return Tuple3.of(of(vertex.id(), blocks), vertex.id(), null);
        }
    }

    private record Build<K, B>(Builders<K, B> builders) implements GroupReduceFunction<Tuple3<Integer, K, K>, B> {
        @Override
        public void reduce(Iterable<Tuple3<Integer, K, K>> pieces, Collector<B> out) {
            Map<Integer, Builder<K, B>> byBlock = new TreeMap<>();
            for (Tuple3<Integer, K, K> piece : pieces) {
                Builder<K, B> builder = byBlock.computeIfAbsent(piece.f0, b -> builders.create(b));
                if (piece.f2 == null) {
                    builder.vertex(piece.f1);
                } else {
                    builder.edge(piece.f1, piece.f2);
                }
            }
            for (Builder<K, B> builder : byBlock.values()) {
                out.collect(builder.build());
            }
        }
    }

    /**
     * Collects one block's vertices and edge pieces, then builds the block's record ({@link #build}). Vertex
     * {@code i} of the block is {@code ids.get(i)}; edge piece {@code e} goes from {@link #source(int)} (a vertex of
     * this block) to {@link #end(int)}. Owned by the thread that builds the block.
     */
    public abstract static class Builder<K, B> {
        protected final int block;
        protected final int blocks;
        protected final List<K> ids = new ArrayList<>();
        private IdNumbers<K> number;
        /** The edge pieces' ends: of {@code Long} ids unboxed, since millions of boxes would live until the build. */
        private long[] longSources;
        private long[] longEnds;
        private Object[] sources;
        private Object[] ends;
        private int edges;

        protected Builder(int block, int blocks) {
            this.block = block;
            this.blocks = blocks;
        }

        final void vertex(K id) {
            if (number == null) {
                number = IdNumbers.forKeys(id.getClass());
            }
            number.add(id);
            ids.add(id);
        }

        final void edge(K source, K end) {
            if (source instanceof Long s && end instanceof Long t && sources == null) {
                if (longSources == null || edges == longSources.length) {
                    longSources = longSources == null ? new long[1024] : Arrays.copyOf(longSources, 2 * edges);
                    longEnds = Arrays.copyOf(longEnds == null ? new long[0] : longEnds, longSources.length);
                }
                longSources[edges] = s;
                longEnds[edges++] = t;
                return;
            }
            if (sources == null) {
                sources = new Object[Math.max(1024, 2 * edges)];
                ends = new Object[sources.length];
                for (int e = 0; e < edges; e++) {
                    sources[e] = longSources[e];
                    ends[e] = longEnds[e];
                }
                longSources = null;
                longEnds = null;
            } else if (edges == sources.length) {
                sources = Arrays.copyOf(sources, 2 * edges);
                ends = Arrays.copyOf(ends, 2 * edges);
            }
            sources[edges] = source;
            ends[edges++] = end;
        }

        /** The block's record; may be called once. */
        protected abstract B build();

        protected final int edges() {
            return edges;
        }

        @SuppressWarnings("unchecked")
        protected final K source(int edge) {
            return (K) (sources == null ? Long.valueOf(longSources[edge]) : sources[edge]);
        }

        @SuppressWarnings("unchecked")
        protected final K end(int edge) {
            return (K) (sources == null ? Long.valueOf(longEnds[edge]) : ends[edge]);
        }

        /** The number of vertex {@code id} of this block, -1 if it is none of the block's vertices. */
        protected final int numberOf(K id) {
            return number == null ? -1 : number.get(id);
        }

        /** The number of edge piece {@code edge}'s source among this block's vertices, -1 if it is none of them. */
        protected final int sourceNumber(int edge) {
            return sources == null ? numberOfLong(longSources[edge]) : numberOf(source(edge));
        }

        /** The number of edge piece {@code edge}'s end among this block's vertices, -1 if it is none of them. */
        protected final int endNumber(int edge) {
            return sources == null ? numberOfLong(longEnds[edge]) : numberOf(end(edge));
        }

        /** The block of edge piece {@code edge}'s end. */
        protected final int endBlock(int edge) {
            return sources == null ? ofHash(Long.hashCode(longEnds[edge]), blocks) : of(ends[edge], blocks);
        }

        /** The number of edge piece {@code edge}'s end among {@code targets}' ends in its block {@code c}, given it now if it has none. */
        protected final int addEnd(Targets<K> targets, int c, int edge) {
            return sources == null ? targets.addLong(c, longEnds[edge]) : targets.add(c, end(edge));
        }

        /** An unboxed id's number: the look-ups of the build, millions, allocate nothing. */
        @SuppressWarnings("unchecked")
        private int numberOfLong(long id) {
            Object numbers = number;
            return numbers instanceof IdNumbers.LongIds longs ? longs.get(id) : numberOf((K) Long.valueOf(id));
        }

        /** Lets the edge pieces go once the subclass has what it needs of them. */
        protected final void dropEdges() {
            longSources = null;
            longEnds = null;
            sources = null;
            ends = null;
        }

        /** Numbers for the distinct ends of this block's edges, per block they lie in. */
        protected final Targets<K> targets() {
            return new Targets<>(blocks, ids.isEmpty() ? Object.class : ids.get(0).getClass());
        }
    }

    /**
     * A block's distinct edge ends per block {@code c} they lie in, each numbered {@code j = 0, 1, ...} in
     * order of appearance within {@code c}; once all are added, end {@code (c, j)} is
     * {@code ids().get(starts()[c] + j)}. Owned by one thread.
     */
    public static final class Targets<K> {
        private final List<IdNumbers<K>> numbers = new ArrayList<>();
        private final List<List<K>> inOrder = new ArrayList<>();

        Targets(int blocks, Class<?> keyClass) {
            for (int c = 0; c < blocks; c++) {
                numbers.add(IdNumbers.forKeys(keyClass));
                inOrder.add(new ArrayList<>());
            }
        }

        /** The number of {@code id} among the ends in block {@code c}, given it now if it has none. */
        public int add(int c, K id) {
            int j = numbers.get(c).add(id);
            if (j == inOrder.get(c).size()) {
                inOrder.get(c).add(id);
            }
            return j;
        }

        @SuppressWarnings("unchecked")
        int addLong(int c, long id) {
            Object numbers = this.numbers.get(c);
            if (!(numbers instanceof IdNumbers.LongIds longs)) {
                return add(c, (K) Long.valueOf(id));
            }
            int j = longs.add(id);
            if (j == inOrder.get(c).size()) {
                inOrder.get(c).add((K) Long.valueOf(id));
            }
            return j;
        }

        /** Where each block's ends start in {@link #ids()}; {@code blocks + 1} entries. */
        public int[] starts() {
            int[] starts = new int[inOrder.size() + 1];
            for (int c = 0; c < inOrder.size(); c++) {
                starts[c + 1] = starts[c] + inOrder.get(c).size();
            }
            return starts;
        }

        /** All ends, block after block, each block's in their numbering. */
        public List<K> ids() {
            List<K> all = new ArrayList<>();
            inOrder.forEach(all::addAll);
            return all;
        }
    }

    /**
     * The other side of {@link Targets}: what a block learns from the ends every block sent it, in their
     * numbering. {@code sent.get(k)} came from block {@code senders[k]}; on return {@code inStart[b]} is where
     * block {@code b}'s range starts in the returned map, and the map gives, for end {@code j} of sender
     * {@code b}, {@code local.of(number of that vertex in this block)}.
     *
     * @throws IllegalArgumentException naming {@code algorithm} when an end is not a vertex of this block
     */
    public static <K> int[] learnSenders(String algorithm, List<K> ids, int[] senders, List<List<K>> sent, int[] inStart,
            LocalIndex local) {
        IdNumbers<K> number = IdNumbers.forKeys(ids.isEmpty() ? Object.class : ids.get(0).getClass());
        for (K id : ids) {
            number.add(id);
        }
        for (int k = 0; k < senders.length; k++) {
            inStart[senders[k] + 1] = sent.get(k).size();
        }
        for (int b = 0; b + 1 < inStart.length; b++) {
            inStart[b + 1] += inStart[b];
        }
        int[] map = new int[inStart[inStart.length - 1]];
        for (int k = 0; k < senders.length; k++) {
            List<K> ends = sent.get(k);
            for (int j = 0; j < ends.size(); j++) {
                int i = number.get(ends.get(j));
                if (i < 0) {
                    throw notAVertex(algorithm, ends.get(j));
                }
                map[inStart[senders[k]] + j] = local.of(i);
            }
        }
        return map;
    }

    /** What a block's map of the ends it receives holds for its vertex {@code i}: the vertex, or what it belongs to. */
    @FunctionalInterface
    public interface LocalIndex {
        int of(int vertex);
    }

    /** The error for an edge end that is not a vertex of the graph. */
    public static IllegalArgumentException notAVertex(String algorithm, Object end) {
        return new IllegalArgumentException(algorithm + ": an edge ends at " + end + ", which is not a vertex of the graph: "
                + "build the graph from its edges, or add the vertex");
    }
}
