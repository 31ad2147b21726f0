package io.eddy.gelly.spargel;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.DeltaIteration;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.functions.rich.RichCoGroupFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.gelly.Edge;
import io.eddy.gelly.EdgeDirection;
import io.eddy.gelly.Graph;
import io.eddy.gelly.IterationFunction;
import io.eddy.gelly.IterationOptions;
import io.eddy.gelly.Vertex;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The scatter-gather model (Spargel) on a native delta iteration. The solution set is the vertices,
 * keyed by id; the workset is the vertices that changed in the previous superstep (all of them at the
 * start). Each superstep:
 * <ol>
 *   <li>scatter: each workset vertex, with its edges of the options' direction, sends messages
 *       ({@link ScatterFunction});</li>
 *   <li>gather: each vertex that received messages sees them with its current value from the solution
 *       set and may set a new value ({@link GatherFunction}); the new values update the solution set
 *       and are the next workset.</li>
 * </ol>
 * It ends when no vertex changes, or after {@code maxIterations} supersteps. The result is the graph
 * with the final vertex values and the original edges.
 */
public final class ScatterGatherIteration {
    private ScatterGatherIteration() {}

    public static <K, VV, EV, M> Graph<K, VV, EV> run(Graph<K, VV, EV> graph, ScatterFunction<K, VV, M, EV> scatter,
            GatherFunction<K, VV, M> gather, TypeInfo<M> messageType, int maxIterations, IterationOptions options) {
        TypeInfo<K> key = graph.getKeyType();
        DeltaIteration<Vertex<K, VV>, Vertex<K, VV>> iteration = options.configure(
                graph.getVertices().iterateDelta(graph.getVertices(), maxIterations, 0));
        DataSet<Tuple2<K, Edge<K, EV>>> edges = graph.getEdges().flatMap(new KeyedBy<K, EV>(options.getDirection()))
                .returns(Types.TUPLE(key, graph.edgeType()));
        DataSet<Tuple2<K, M>> messages = options.withBroadcastSets(iteration.getWorkset().coGroup(edges).where(0).equalTo(0)
                .with(new Scatter<K, VV, M, EV>(scatter)).returns(Types.TUPLE(key, messageType)));
        DataSet<Vertex<K, VV>> updates = options.withBroadcastSets(messages.coGroup(iteration.getSolutionSet()).where(0).equalTo(0)
                .with(new Gather<K, VV, M>(gather)).returns(graph.vertexType()));
        return Graph.fromDataSet(iteration.closeWith(updates, updates), graph.getEdges());
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

    /** Runs a model's user function in its subtask: attaches it to the iteration and tells it when a superstep starts. */
    abstract static class ModelStep<A, B, O> extends RichCoGroupFunction<A, B, O> {
        private static final long serialVersionUID = 1L;

        private final IterationFunction function;

        ModelStep(IterationFunction function) {
            this.function = function;
        }

        @Override
        public void open(OpenContext context) throws Exception {
            function.attach(getIterationRuntimeContext());
        }

        void beforeRecord() throws Exception {
            function.beforeVertex();
        }
    }

    private static final class Scatter<K, VV, M, EV> extends ModelStep<Vertex<K, VV>, Tuple2<K, Edge<K, EV>>, Tuple2<K, M>> {
        private static final long serialVersionUID = 1L;

        private final ScatterFunction<K, VV, M, EV> scatter;
        private transient List<Edge<K, EV>> edges;

        Scatter(ScatterFunction<K, VV, M, EV> scatter) {
            super(scatter);
            this.scatter = scatter;
        }

        @Override
        public void coGroup(Iterable<Vertex<K, VV>> vertex, Iterable<Tuple2<K, Edge<K, EV>>> keyedEdges, Collector<Tuple2<K, M>> out)
                throws Exception {
            Iterator<Vertex<K, VV>> it = vertex.iterator();
            if (!it.hasNext()) {
                return;
            }
            beforeRecord();
            Vertex<K, VV> v = it.next();
            if (edges == null) {
                edges = new ArrayList<>();
            }
            edges.clear();
            for (Tuple2<K, Edge<K, EV>> e : keyedEdges) {
                edges.add(e.f1);
            }
            scatter.prepare(v.id(), edges, out);
            scatter.sendMessages(v);
        }
    }

    private static final class Gather<K, VV, M> extends ModelStep<Tuple2<K, M>, Vertex<K, VV>, Vertex<K, VV>> {
        private static final long serialVersionUID = 1L;

        private final GatherFunction<K, VV, M> gather;

        Gather(GatherFunction<K, VV, M> gather) {
            super(gather);
            this.gather = gather;
        }

        @Override
        public void coGroup(Iterable<Tuple2<K, M>> messages, Iterable<Vertex<K, VV>> vertex, Collector<Vertex<K, VV>> out)
                throws Exception {
            Iterator<Vertex<K, VV>> it = vertex.iterator();
            Iterator<Tuple2<K, M>> first = messages.iterator();
            if (!it.hasNext() || !first.hasNext()) {
                return;
            }
            beforeRecord();
            Vertex<K, VV> v = it.next();
            gather.reset();
            gather.updateVertex(v, () -> new Iterator<M>() {
                @Override
                public boolean hasNext() {
                    return first.hasNext();
                }

                @Override
                public M next() {
                    return first.next().f1;
                }
            });
            if (gather.updated()) {
                out.collect(new Vertex<>(v.id(), gather.newValue()));
            }
        }
    }
}
