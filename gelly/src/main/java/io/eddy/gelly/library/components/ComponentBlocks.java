package io.eddy.gelly.library.components;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.IterativeDataSet;
import io.eddy.api.dataset.aggregators.LongSumAggregator;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.functions.rich.RichCoGroupFunction;
import io.eddy.api.functions.rich.RichFlatMapFunction;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.gelly.Edge;
import io.eddy.gelly.Graph;
import io.eddy.gelly.Vertex;
import io.eddy.gelly.library.VertexBlocks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Weakly connected components over blocks of the graph, each contracted once to its local components
 * ({@link ConnectedComponents.Model#BLOCKS}).
 *
 * <h2>Model</h2>
 * The vertices are split into {@code B} blocks by id hash ({@link VertexBlocks}, {@code B} = the
 * environment's parallelism), and each block's vertices and edges go to one subtask: an edge inside a
 * block once, an edge between two blocks to both. The subtask builds one {@link ComponentBlock} record
 * per block, once:
 * <ul>
 *   <li>union-find over the block's inner edges gives its <em>local components</em>; the vertices of one
 *       are connected, so they all end with the same label, and the iteration only handles components;</li>
 *   <li>a component's label starts as the smallest id among its vertices;</li>
 *   <li>the edges leaving the block become, per component, the distinct <em>slots</em> it reaches: a
 *       slot is a vertex of another block, numbered among this block's distinct targets there.</li>
 * </ul>
 * The bulk iteration then runs label propagation on this contracted graph. In each superstep a block
 * offers, for the components whose label fell since they last offered (all of them at first), the
 * smallest such label to each slot they reach: one record per target block with slot numbers and
 * labels, so only labels that changed travel. The target block maps each slot to its own component
 * (a mapping learnt in the first superstep, whose offers also carry the slots' ids) and keeps the
 * smaller label. The iteration ends when no label fell in a superstep. Labels only fall, and a label
 * is always an id of the component, so the result is the smallest id of each connected component,
 * the same as the other models, in at most (the contracted graph's diameter + 1) supersteps.
 *
 * <p>Nothing per vertex or edge is shuffled, sorted or joined after the build: the graph travels in
 * the {@code B} block records, the offers in at most {@code B²} records per superstep.
 */
final class ComponentBlocks {
    private ComponentBlocks() {}

    /** The number of components whose label fell in a superstep, summed over the blocks. */
    private static final String FELL = "labels-fell";

    static <K extends Comparable<K>, VV, EV> DataSet<Vertex<K, K>> run(Graph<K, VV, EV> graph, TypeInfo<Vertex<K, K>> vertexType,
            int maxIterations) {
        TypeInfo<K> key = graph.getKeyType();
        int blocks = Math.max(1, graph.getExecutionEnvironment().getParallelism());
        TypeInfo<ComponentBlock<K>> blockType = ComponentBlock.type(key);
        IterativeDataSet<ComponentBlock<K>> loop = VertexBlocks.pieces(graph, blocks, new EdgePieces<K, EV>(blocks))
                .mapPartition(VertexBlocks.<K, ComponentBlock<K>>build(b -> new Contraction<>(b, blocks))).returns(blockType)
                .iterate(maxIterations);
        loop.registerAggregationConvergenceCriterion(FELL, new LongSumAggregator(), (superstep, fell) -> fell == 0);
        DataSet<Offers<K>> offers = loop.flatMap(new Offer<K>()).returns(Offers.type(key));
        DataSet<ComponentBlock<K>> next = loop.coGroup(offers).where(0).equalTo(0).with(new KeepSmallest<K>()).returns(blockType);
        return loop.closeWith(next).flatMap(new Labels<K>()).returns(vertexType);
    }

    /**
     * One block of the graph, contracted. Vertex {@code i} is {@code ids[i]}, in local component
     * {@code component[i]}, whose label is {@code labels[component[i]]}. {@code changed} lists the
     * components whose label fell and was not offered yet. Component {@code c} reaches the slots
     * {@code reach[reachOffsets[c] .. reachOffsets[c + 1])}; slot {@code s} is vertex {@code targetIds[s]}
     * of block {@code b} for {@code targetStart[b] <= s < targetStart[b + 1]} (the ids are carried until the
     * first superstep has sent them, then dropped). The offers from block {@code b} to slot {@code j} of its
     * range for this block go to component {@code inMap[inStart[b] + j]} ({@code inStart} is empty until the
     * first superstep has taught it).
     */
    public record ComponentBlock<K>(Integer block, List<K> ids, int[] component, List<K> labels, int[] changed,
            int[] reachOffsets, int[] reach, List<K> targetIds, int[] targetStart, int[] inMap, int[] inStart) {
        static <K> TypeInfo<ComponentBlock<K>> type(TypeInfo<K> key) {
            return Types.RECORD(ComponentBlock.class, Types.INT, Types.LIST(key), Types.INT_ARRAY, Types.LIST(key),
                    Types.INT_ARRAY, Types.INT_ARRAY, Types.INT_ARRAY, Types.LIST(key), Types.INT_ARRAY, Types.INT_ARRAY,
                    Types.INT_ARRAY);
        }
    }

    /**
     * What block {@code sender} offers block {@code target} in one superstep: for each of {@code slots}
     * (numbered within the target's range of the sender's slots) the smallest label reaching it. In the
     * first superstep {@code ids} holds the ids of all slots of that range, in slot order; null later.
     */
    public record Offers<K>(Integer target, Integer sender, int[] slots, List<K> labels, List<K> ids) {
        static <K> TypeInfo<Offers<K>> type(TypeInfo<K> key) {
            return Types.RECORD(Offers.class, Types.INT, Types.INT, Types.INT_ARRAY, Types.LIST(key), Types.LIST(key));
        }
    }

    /** The edge to the block of its source, and, when the target is in another block, reversed to that one. */
    private record EdgePieces<K, EV>(int blocks) implements FlatMapFunction<Edge<K, EV>, Tuple3<Integer, K, K>> {
        @Override
        public void flatMap(Edge<K, EV> edge, Collector<Tuple3<Integer, K, K>> out) {
            int source = VertexBlocks.of(edge.source(), blocks);
            int target = VertexBlocks.of(edge.target(), blocks);
            out.collect(Tuple3.of(source, edge.source(), edge.target()));
            if (target != source) {
                out.collect(Tuple3.of(target, edge.target(), edge.source()));
            }
        }
    }

    /** Contracts a block: union-find over its inner edges, the edges leaving it as the slots each local component reaches. */
    private static final class Contraction<K extends Comparable<K>> extends VertexBlocks.Builder<K, ComponentBlock<K>> {
        Contraction(int block, int blocks) {
            super(block, blocks);
        }

        /** {@code number}, the number of an end of edge piece {@code edge}, if that end is a vertex of this block. */
        private int known(int number, int edge, boolean source) {
            if (number < 0) {
                throw new IllegalArgumentException("ConnectedComponents: edge " + source(edge) + " - " + end(edge)
                        + " has an end, " + (source ? source(edge) : end(edge)) + ", that is not a vertex of the graph: "
                        + "build the graph from its edges, or add the vertex");
            }
            return number;
        }

        @Override
        protected ComponentBlock<K> build() {
            int n = ids.size();
            int[] parent = new int[n];
            Arrays.setAll(parent, i -> i);
            // inner edges join local components; edges leaving the block become (vertex, target block, j-th distinct target there)
            VertexBlocks.Targets<K> distinct = targets();
            int edges = edges();
            int[] leavingFrom = new int[edges];
            long[] leavingTo = new long[edges];
            int leaving = 0;
            for (int e = 0; e < edges; e++) {
                int s = known(sourceNumber(e), e, true);
                int c = endBlock(e);
                if (c == block) {
                    union(parent, s, known(endNumber(e), e, false));
                } else {
                    leavingFrom[leaving] = s;
                    leavingTo[leaving++] = ((long) c << 32) | addEnd(distinct, c, e);
                }
            }
            dropEdges();
            // local components numbered in order of their first vertex, labelled with their smallest id
            int[] component = new int[n];
            int[] componentOfRoot = new int[n];
            Arrays.fill(componentOfRoot, -1);
            List<K> labels = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int root = find(parent, i);
                if (componentOfRoot[root] < 0) {
                    componentOfRoot[root] = labels.size();
                    labels.add(ids.get(i));
                }
                int c = componentOfRoot[root];
                component[i] = c;
                if (ids.get(i).compareTo(labels.get(c)) < 0) {
                    labels.set(c, ids.get(i));
                }
            }
            int[] targetStart = distinct.starts();
            // per component, the distinct slots it reaches, in compressed sparse rows
            int components = labels.size();
            int[] reachOffsets = new int[components + 1];
            for (int e = 0; e < leaving; e++) {
                reachOffsets[component[leavingFrom[e]] + 1]++;
            }
            for (int c = 0; c < components; c++) {
                reachOffsets[c + 1] += reachOffsets[c];
            }
            int[] reach = new int[leaving];
            int[] fill = Arrays.copyOf(reachOffsets, components);
            for (int e = 0; e < leaving; e++) {
                long to = leavingTo[e];
                reach[fill[component[leavingFrom[e]]]++] = targetStart[(int) (to >>> 32)] + (int) to;
            }
            int[] lastReachedBy = new int[targetStart[blocks]];
            Arrays.fill(lastReachedBy, -1);
            int kept = 0;
            for (int c = 0; c < components; c++) {
                int from = reachOffsets[c];
                reachOffsets[c] = kept;
                for (int e = from; e < reachOffsets[c + 1]; e++) {
                    if (lastReachedBy[reach[e]] != c) {
                        lastReachedBy[reach[e]] = c;
                        reach[kept++] = reach[e];
                    }
                }
            }
            reachOffsets[components] = kept;
            int[] everyComponent = new int[components];
            Arrays.setAll(everyComponent, c -> c);
            return new ComponentBlock<>(block, ids, component, labels, everyComponent, reachOffsets,
                    Arrays.copyOf(reach, kept), distinct.ids(), targetStart, new int[0], new int[0]);
        }

        private static void union(int[] parent, int a, int b) {
            int ra = find(parent, a);
            int rb = find(parent, b);
            if (ra != rb) {
                parent[Math.max(ra, rb)] = Math.min(ra, rb);
            }
        }

        private static int find(int[] parent, int i) {
            while (parent[i] != i) {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            return i;
        }
    }

    /** A block's offers: per target block, the smallest new label reaching each slot there. */
    private static final class Offer<K extends Comparable<K>> extends RichFlatMapFunction<ComponentBlock<K>, Offers<K>> {
        private static final long serialVersionUID = 1L;

        @Override
        @SuppressWarnings("unchecked")
        public void flatMap(ComponentBlock<K> block, Collector<Offers<K>> out) {
            int[] targetStart = block.targetStart();
            int blocks = targetStart.length - 1;
            Object[] smallest = new Object[targetStart[blocks]];
            int[] offered = new int[targetStart[blocks]];
            int count = 0;
            int[] reachOffsets = block.reachOffsets();
            int[] reach = block.reach();
            for (int c : block.changed()) {
                K label = block.labels().get(c);
                for (int e = reachOffsets[c]; e < reachOffsets[c + 1]; e++) {
                    int slot = reach[e];
                    Object current = smallest[slot];
                    if (current == null) {
                        offered[count++] = slot;
                        smallest[slot] = label;
                    } else if (label.compareTo((K) current) < 0) {
                        smallest[slot] = label;
                    }
                }
            }
            Arrays.sort(offered, 0, count);
            boolean first = getIterationRuntimeContext().getSuperstepNumber() == 1;
            int next = 0;
            for (int b = 0; b < blocks; b++) {
                int end = next;
                while (end < count && offered[end] < targetStart[b + 1]) {
                    end++;
                }
                if (end > next) {
                    int[] slots = new int[end - next];
                    List<K> labels = new ArrayList<>(end - next);
                    for (int k = next; k < end; k++) {
                        slots[k - next] = offered[k] - targetStart[b];
                        labels.add((K) smallest[offered[k]]);
                    }
                    List<K> ids = first ? block.targetIds().subList(targetStart[b], targetStart[b + 1]) : null;
                    out.collect(new Offers<>(b, block.block(), slots, labels, ids));
                }
                next = end;
            }
        }
    }

    /** A block's components take the smallest label offered to them when it is below theirs. */
    private static final class KeepSmallest<K extends Comparable<K>>
            extends RichCoGroupFunction<ComponentBlock<K>, Offers<K>, ComponentBlock<K>> {
        private static final long serialVersionUID = 1L;

        @Override
        public void coGroup(Iterable<ComponentBlock<K>> state, Iterable<Offers<K>> received, Collector<ComponentBlock<K>> out) {
            Iterator<ComponentBlock<K>> it = state.iterator();
            if (!it.hasNext()) {
                Iterator<Offers<K>> orphans = received.iterator();
                Offers<K> orphan = orphans.hasNext() ? orphans.next() : null;
                if (orphan != null && orphan.ids() != null) {
                    throw VertexBlocks.notAVertex("ConnectedComponents", orphan.ids().get(0));
                }
                return;
            }
            ComponentBlock<K> block = it.next();
            List<Offers<K>> offers = new ArrayList<>();
            received.forEach(offers::add);
            int[] inMap = block.inMap();
            int[] inStart = block.inStart();
            if (inStart.length == 0) {
                int blocks = block.targetStart().length - 1;
                inStart = new int[blocks + 1];
                inMap = learnSlots(block, offers, inStart);
            }
            List<K> labels = new ArrayList<>(block.labels());
            boolean[] fell = new boolean[labels.size()];
            int[] changed = new int[labels.size()];
            int count = 0;
            for (Offers<K> offer : offers) {
                int base = inStart[offer.sender()];
                int[] slots = offer.slots();
                for (int k = 0; k < slots.length; k++) {
                    int c = inMap[base + slots[k]];
                    K label = offer.labels().get(k);
                    if (label.compareTo(labels.get(c)) < 0) {
                        labels.set(c, label);
                        if (!fell[c]) {
                            fell[c] = true;
                            changed[count++] = c;
                        }
                    }
                }
            }
            getIterationRuntimeContext().<LongSumAggregator>getIterationAggregator(FELL).aggregate((long) count);
            // the target ids served the first superstep only: the later ones need not carry them
            out.collect(new ComponentBlock<>(block.block(), block.ids(), block.component(), labels, Arrays.copyOf(changed, count),
                    block.reachOffsets(), block.reach(), List.of(), block.targetStart(), inMap, inStart));
        }

        /** The component of each slot the other blocks offer to, from the ids of the first superstep's offers. */
        private static <K> int[] learnSlots(ComponentBlock<K> block, List<Offers<K>> offers, int[] inStart) {
            int[] senders = new int[offers.size()];
            List<List<K>> sent = new ArrayList<>();
            for (int k = 0; k < senders.length; k++) {
                senders[k] = offers.get(k).sender();
                sent.add(offers.get(k).ids());
            }
            int[] component = block.component();
            return VertexBlocks.learnSenders("ConnectedComponents", block.ids(), senders, sent, inStart, i -> component[i]);
        }
    }

    private record Labels<K>() implements FlatMapFunction<ComponentBlock<K>, Vertex<K, K>> {
        @Override
        public void flatMap(ComponentBlock<K> block, Collector<Vertex<K, K>> out) {
            for (int i = 0; i < block.ids().size(); i++) {
                out.collect(new Vertex<>(block.ids().get(i), block.labels().get(block.component()[i])));
            }
        }
    }
}
