package io.eddy.gelly.spargel;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.DeltaIteration;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.functions.rich.RichFlatJoinFunction;
import io.eddy.api.functions.rich.RichGroupReduceFunction;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.gelly.Edge;
import io.eddy.gelly.EdgeDirection;
import io.eddy.gelly.Graph;
import io.eddy.gelly.IterationOptions;
import io.eddy.gelly.Vertex;
import io.eddy.gelly.VertexStates;

import java.util.ArrayList;
import java.util.List;

/**
 * The scatter-gather model (Spargel) on a native delta iteration. The solution set is the vertices,
 * keyed by id; the workset is the vertices that changed in the previous superstep (all of them at the
 * start). Each superstep:
 * <ol>
 *   <li>scatter: each workset vertex, with its edges of the options' direction, sends messages
 *       ({@link ScatterFunction}): the workset is joined with the edges and grouped per vertex (a vertex
 *       without such edges does not scatter);</li>
 *   <li>gather: the messages are grouped per receiving vertex, which sees them with its current value
 *       from the solution set and may set a new value ({@link GatherFunction}); the new values update
 *       the solution set and are the next workset.</li>
 * </ol>
 * It ends when no vertex changes, or after {@code maxIterations} supersteps. The result is the graph
 * with the final vertex values and the original edges.
 *
 * <p>With {@link IterationOptions#setDegreesAvailable} both functions can read the vertex's in- and
 * out-degree whatever the direction (Gelly's {@code setOptDegrees}): the degrees are counted once before
 * the iteration and travel with each vertex's value in the solution set and the workset
 * ({@link VertexStates}), so a superstep still carries only the edges of the direction.
 */
public final class ScatterGatherIteration {
    private ScatterGatherIteration() {}

    public static <K, VV, EV, M> Graph<K, VV, EV> run(Graph<K, VV, EV> graph, ScatterFunction<K, VV, M, EV> scatter,
            GatherFunction<K, VV, M> gather, TypeInfo<M> messageType, int maxIterations, IterationOptions options) {
        DataSet<Vertex<K, VV>> result = VertexStates.run(graph, options, new VertexStates.Iteration<K, VV>() {
            @Override
            public <S> DataSet<Vertex<K, S>> run(DataSet<Vertex<K, S>> vertices, TypeInfo<Vertex<K, S>> stateType,
                    VertexStates.State<K, VV, S> states) {
                return iterate(vertices, stateType, graph, states, scatter, gather, messageType, maxIterations, options);
            }
        });
        return Graph.fromDataSet(result, graph.getEdges());
    }

    /** The delta iteration over vertices whose state {@code S} holds the user's value as {@code states} says. */
    private static <K, VV, S, EV, M> DataSet<Vertex<K, S>> iterate(DataSet<Vertex<K, S>> vertices, TypeInfo<Vertex<K, S>> stateType,
            Graph<K, VV, EV> graph, VertexStates.State<K, VV, S> states, ScatterFunction<K, VV, M, EV> scatter,
            GatherFunction<K, VV, M> gather, TypeInfo<M> messageType, int maxIterations, IterationOptions options) {
        TypeInfo<K> key = graph.getKeyType();
        DeltaIteration<Vertex<K, S>, Vertex<K, S>> iteration = options.configure(vertices.iterateDelta(vertices, maxIterations, 0));
        DataSet<Tuple2<K, Edge<K, EV>>> keyedEdges = graph.getEdges().flatMap(new KeyedBy<K, EV>(options.getDirection()))
                .returns(Types.TUPLE(key, graph.edgeType()));
        DataSet<Tuple3<K, Vertex<K, S>, Edge<K, EV>>> vertexEdges = iteration.getWorkset().join(keyedEdges).where(0).equalTo(0)
                .with(new WithEdge<K, S, EV>()).returns(Types.TUPLE(key, stateType, graph.edgeType()));
        DataSet<Tuple2<K, M>> messages = options.withBroadcastSets(vertexEdges.groupBy(0)
                .reduceGroup(new Scatter<K, VV, S, M, EV>(scatter, states)).returns(Types.TUPLE(key, messageType)));
        DataSet<Tuple2<K, List<M>>> inboxes = messages.groupBy(0).reduceGroup(new Inbox<K, M>())
                .returns(Types.TUPLE(key, Types.LIST(messageType)));
        DataSet<Vertex<K, S>> updates = options.withBroadcastSets(inboxes.join(iteration.getSolutionSet()).where(0).equalTo(0)
                .with(new Gather<K, VV, S, M>(gather, states)).returns(stateType));
        return iteration.closeWith(updates, updates);
    }

    public static <K, VV, EV, M> Graph<K, VV, EV> run(Graph<K, VV, EV> graph, ScatterFunction<K, VV, M, EV> scatter,
            GatherFunction<K, VV, M> gather, TypeInfo<M> messageType, int maxIterations) {
        return run(graph, scatter, gather, messageType, maxIterations, new IterationOptions());
    }

    /** {@code (vertex, edge)} for the vertex whose edges of {@code direction} include the edge. */
    private record KeyedBy<K, EV>(EdgeDirection direction) implements FlatMapFunction<Edge<K, EV>, Tuple2<K, Edge<K, EV>>> {
        @Override
        public void flatMap(Edge<K, EV> edge, Collector<Tuple2<K, Edge<K, EV>>> out) {
            if (direction != EdgeDirection.IN) {
                out.collect(Tuple2.of(edge.source(), edge));
            }
            if (direction != EdgeDirection.OUT) {
                out.collect(Tuple2.of(edge.target(), edge));
            }
        }
    }

    private record WithEdge<K, S, EV>() implements JoinFunction<Vertex<K, S>, Tuple2<K, Edge<K, EV>>, Tuple3<K, Vertex<K, S>, Edge<K, EV>>> {
        @Override
        public Tuple3<K, Vertex<K, S>, Edge<K, EV>> join(Vertex<K, S> vertex, Tuple2<K, Edge<K, EV>> edge) {
            return Tuple3.of(vertex.id(), vertex, edge.f1);
        }
    }

    /** Gathers a workset vertex's edges into a list and lets the scatter function send its messages. */
    private static final class Scatter<K, VV, S, M, EV> extends RichGroupReduceFunction<Tuple3<K, Vertex<K, S>, Edge<K, EV>>, Tuple2<K, M>> {
        private static final long serialVersionUID = 1L;

        private final ScatterFunction<K, VV, M, EV> scatter;
        private final VertexStates.State<K, VV, S> states;
        private transient List<Edge<K, EV>> edges;

        Scatter(ScatterFunction<K, VV, M, EV> scatter, VertexStates.State<K, VV, S> states) {
            this.scatter = scatter;
            this.states = states;
        }

        @Override
        public void open(OpenContext context) {
            scatter.attach(getIterationRuntimeContext());
            edges = new ArrayList<>();
        }

        @Override
        public void reduce(Iterable<Tuple3<K, Vertex<K, S>, Edge<K, EV>>> vertexEdges, Collector<Tuple2<K, M>> out) throws Exception {
            scatter.beforeVertex();
            edges.clear();
            Vertex<K, S> vertex = null;
            for (Tuple3<K, Vertex<K, S>, Edge<K, EV>> ve : vertexEdges) {
                vertex = ve.f1;
                edges.add(ve.f2);
            }
            scatter.prepare(vertex.id(), edges, out);
            states.setDegrees(vertex, scatter);
            scatter.sendMessages(states.userVertex(vertex));
        }
    }

    /** All messages to a vertex in one list. */
    private record Inbox<K, M>() implements GroupReduceFunction<Tuple2<K, M>, Tuple2<K, List<M>>> {
        @Override
        public void reduce(Iterable<Tuple2<K, M>> messages, Collector<Tuple2<K, List<M>>> out) {
            K vertex = null;
            List<M> list = new ArrayList<>();
            for (Tuple2<K, M> m : messages) {
                vertex = m.f0;
                list.add(m.f1);
            }
            out.collect(Tuple2.of(vertex, list));
        }
    }

    private static final class Gather<K, VV, S, M> extends RichFlatJoinFunction<Tuple2<K, List<M>>, Vertex<K, S>, Vertex<K, S>> {
        private static final long serialVersionUID = 1L;

        private final GatherFunction<K, VV, M> gather;
        private final VertexStates.State<K, VV, S> states;

        Gather(GatherFunction<K, VV, M> gather, VertexStates.State<K, VV, S> states) {
            this.gather = gather;
            this.states = states;
        }

        @Override
        public void open(OpenContext context) {
            gather.attach(getIterationRuntimeContext());
        }

        @Override
        public void join(Tuple2<K, List<M>> inbox, Vertex<K, S> vertex, Collector<Vertex<K, S>> out) throws Exception {
            gather.beforeVertex();
            gather.reset();
            states.setDegrees(vertex, gather);
            gather.updateVertex(states.userVertex(vertex), inbox.f1);
            if (gather.updated()) {
                out.collect(states.updated(vertex, gather.newValue()));
            }
        }
    }
}
