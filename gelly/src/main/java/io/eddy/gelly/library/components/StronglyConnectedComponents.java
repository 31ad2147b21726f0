package io.eddy.gelly.library.components;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.IterativeDataSet;
import io.eddy.api.dataset.aggregators.LongSumAggregator;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FilterFunction;
import io.eddy.api.functions.FlatJoinFunction;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.rich.RichCoGroupFunction;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.tuple.Tuple5;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.gelly.Edge;
import io.eddy.gelly.Graph;
import io.eddy.gelly.GraphAlgorithm;
import io.eddy.gelly.Vertex;

import java.util.Iterator;

/**
 * Strongly connected components: {@code (id, component)} for every vertex, the component being the
 * smallest vertex id among the vertices that reach it and that it reaches along directed edges (a vertex
 * on no cycle is its own component).
 *
 * <p>Forward-backward colouring (Orzan; Slota et al.) on one native bulk iteration whose supersteps run
 * three phases in rounds until every vertex has its component:
 * <ol>
 *   <li>FORWARD: among the vertices still without a component, each takes the smallest colour it hears
 *       along its in-edges from such vertices (colours start as the ids), until no colour falls; a
 *       vertex's colour is then the smallest id that reaches it;</li>
 *   <li>BACKWARD: the vertices whose colour is their own id (the roots) are reached, and a vertex is
 *       reached when an out-neighbour of the same colour is, until no vertex is newly reached; the reached
 *       vertices of colour {@code c} are exactly the component of {@code c}, and {@code c} its smallest id;</li>
 *   <li>RESOLVE: the reached vertices keep their colour as component; the others start again with their id.</li>
 * </ol>
 * The phase is decided by the step that updates the vertices, from the phase written in the records and the
 * number of vertices the previous superstep changed (a broadcast set counted from the records, the same in every
 * subtask; an aggregator read in the next superstep is not used, since a subtask may start a superstep before
 * its iteration head has published the previous superstep's aggregates). The iteration ends after the RESOLVE that leaves no vertex
 * without a component. Each round settles at least the component of every root.
 */
public final class StronglyConnectedComponents<K extends Comparable<K>, VV, EV>
        implements GraphAlgorithm<K, VV, EV, DataSet<Vertex<K, K>>> {
    private static final String CHANGES = "scc-changes";
    private static final String UNSETTLED = "scc-unsettled";
    static final int FORWARD = 0;
    static final int BACKWARD = 1;
    static final int RESOLVE = 2;

    private final int maxIterations;

    public StronglyConnectedComponents() {
        this(Integer.MAX_VALUE);
    }

    public StronglyConnectedComponents(int maxIterations) {
        this.maxIterations = maxIterations;
    }

    @Override
    public DataSet<Vertex<K, K>> run(Graph<K, VV, EV> graph) {
        TypeInfo<K> key = graph.getKeyType();
        // (id, settled, colour, reached, 2 * phase of the superstep that wrote it + 1 if that superstep changed it);
        // a settled vertex's colour is its component
        TypeInfo<Tuple5<K, Boolean, K, Boolean, Integer>> stateType = Types.TUPLE(key, Types.BOOLEAN, key, Types.BOOLEAN, Types.INT);
        IterativeDataSet<Tuple5<K, Boolean, K, Boolean, Integer>> state = graph.getVertices().map(new Start<K, VV>())
                .returns(stateType).iterate(maxIterations);
        state.registerAggregationConvergenceCriterion(UNSETTLED, new LongSumAggregator(), (superstep, unsettled) -> unsettled == 0);
        // (vertex, other end, true when the vertex is the edge's source)
        DataSet<Tuple3<K, K, Boolean>> ends = graph.getEdges().flatMap(new BothEnds<K, EV>()).returns(Types.TUPLE(key, key, Types.BOOLEAN));
        DataSet<Tuple3<K, K, Boolean>> colours = state.join(ends).where(0).equalTo(0).with(new SendColour<K>())
                .returns(Types.TUPLE(key, key, Types.BOOLEAN));
        // the number of vertices the previous superstep changed, as data: every subtask's step sees the same count
        DataSet<Long> changes = state.filter(new Changed<K>()).mapPartition(new Count<K>()).returns(Types.LONG);
        DataSet<Tuple5<K, Boolean, K, Boolean, Integer>> next = state.coGroup(colours).where(0).equalTo(0)
                .with(new Step<K>()).returns(stateType).withBroadcastSet(changes, CHANGES);
        return state.closeWith(next).map(new Component<K>()).returns(Vertex.type(key, key));
    }

    /** The phase of the running superstep, from the phase that wrote the records and the number of vertices it changed. */
    static int phase(int previousPhase, long changed) {
        return switch (previousPhase) {
            case FORWARD -> changed == 0 ? BACKWARD : FORWARD;
            case BACKWARD -> changed == 0 ? RESOLVE : BACKWARD;
            default -> FORWARD;
        };
    }

    private record Start<K, VV>() implements MapFunction<Vertex<K, VV>, Tuple5<K, Boolean, K, Boolean, Integer>> {
        @Override
        public Tuple5<K, Boolean, K, Boolean, Integer> map(Vertex<K, VV> vertex) {
            return Tuple5.of(vertex.id(), false, vertex.id(), false, 2 * RESOLVE);
        }
    }

    private record Changed<K>() implements FilterFunction<Tuple5<K, Boolean, K, Boolean, Integer>> {
        @Override
        public boolean filter(Tuple5<K, Boolean, K, Boolean, Integer> vertex) {
            return (vertex.f4 & 1) != 0;
        }
    }

    private record Count<K>() implements GroupReduceFunction<Tuple5<K, Boolean, K, Boolean, Integer>, Long> {
        @Override
        public void reduce(Iterable<Tuple5<K, Boolean, K, Boolean, Integer>> vertices, Collector<Long> out) {
            long n = 0;
            for (Tuple5<K, Boolean, K, Boolean, Integer> ignored : vertices) {
                n++;
            }
            out.collect(n);
        }
    }

    private record BothEnds<K, EV>() implements FlatMapFunction<Edge<K, EV>, Tuple3<K, K, Boolean>> {
        @Override
        public void flatMap(Edge<K, EV> edge, Collector<Tuple3<K, K, Boolean>> out) {
            out.collect(Tuple3.of(edge.source(), edge.target(), true));
            out.collect(Tuple3.of(edge.target(), edge.source(), false));
        }
    }

    /**
     * Every superstep, whatever the phase, an unsettled vertex tells its colour to its out-neighbours
     * ({@code (target, colour, true)}) and, when reached, to its in-neighbours ({@code (source, colour, false)});
     * the receiving {@link Step} uses those of its phase. Only the step reads the phase, so no two functions
     * can disagree on it.
     */
    private record SendColour<K>() implements FlatJoinFunction<Tuple5<K, Boolean, K, Boolean, Integer>, Tuple3<K, K, Boolean>,
            Tuple3<K, K, Boolean>> {
        @Override
        public void join(Tuple5<K, Boolean, K, Boolean, Integer> vertex, Tuple3<K, K, Boolean> end, Collector<Tuple3<K, K, Boolean>> out) {
            if (!vertex.f1 && (end.f2 || vertex.f3)) {
                out.collect(Tuple3.of(end.f1, vertex.f2, end.f2));
            }
        }
    }

    private static final class Step<K extends Comparable<K>> extends RichCoGroupFunction<Tuple5<K, Boolean, K, Boolean, Integer>,
            Tuple3<K, K, Boolean>, Tuple5<K, Boolean, K, Boolean, Integer>> {
        private static final long serialVersionUID = 1L;

        private transient boolean started;
        private transient long changes;

        @Override
        public void coGroup(Iterable<Tuple5<K, Boolean, K, Boolean, Integer>> vertex, Iterable<Tuple3<K, K, Boolean>> colours,
                Collector<Tuple5<K, Boolean, K, Boolean, Integer>> out) {
            Iterator<Tuple5<K, Boolean, K, Boolean, Integer>> it = vertex.iterator();
            if (!it.hasNext()) {
                return;
            }
            Tuple5<K, Boolean, K, Boolean, Integer> v = it.next();
            if (!started) {
                // a fresh instance runs each superstep
                started = true;
                for (Object c : getRuntimeContext().getBroadcastVariable(CHANGES)) {
                    changes += (Long) c;
                }
            }
            int phase = phase(v.f4 >> 1, changes);
            boolean settled = v.f1;
            K colour = v.f2;
            boolean reached = v.f3;
            long changed = 0;
            if (!settled) {
                switch (phase) {
                    case FORWARD -> {
                        for (Tuple3<K, K, Boolean> c : colours) {
                            if (c.f2 && c.f1.compareTo(colour) < 0) {
                                colour = c.f1;
                                changed = 1;
                            }
                        }
                    }
                    case BACKWARD -> {
                        if (!reached) {
                            reached = colour.equals(v.f0);
                            for (Tuple3<K, K, Boolean> c : colours) {
                                reached |= !c.f2 && c.f1.equals(colour);
                            }
                            changed = reached ? 1 : 0;
                        }
                    }
                    default -> {
                        if (reached) {
                            settled = true;
                        } else {
                            colour = v.f0;
                        }
                        reached = false;
                    }
                }
            }
            if (!settled) {
                getIterationRuntimeContext().<LongSumAggregator>getIterationAggregator(UNSETTLED).aggregate(1L);
            }
            out.collect(Tuple5.of(v.f0, settled, colour, reached, 2 * phase + (int) changed));
        }
    }

    private record Component<K>() implements MapFunction<Tuple5<K, Boolean, K, Boolean, Integer>, Vertex<K, K>> {
        @Override
        public Vertex<K, K> map(Tuple5<K, Boolean, K, Boolean, Integer> state) {
            return new Vertex<>(state.f0, state.f2);
        }
    }
}
