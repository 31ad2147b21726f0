package io.eddy.gelly.pregel;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.DeltaIteration;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FilterFunction;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.functions.rich.RichCoGroupFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.tuple.Tuple4;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.gelly.Edge;
import io.eddy.gelly.EdgeDirection;
import io.eddy.gelly.Graph;
import io.eddy.gelly.IterationOptions;
import io.eddy.gelly.Vertex;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The vertex-centric model (Pregel) on a native delta iteration. The solution set is the vertices, keyed
 * by id; the workset is the messages {@code (target, message)} sent in the previous superstep (in the
 * first, one empty wake-up entry per vertex). Each superstep:
 * <ol>
 *   <li>the messages are grouped per target vertex, combined into one by the {@link MessageCombiner} if
 *       there is one (before the shuffle and after), and joined with the vertex's current value from the
 *       solution set (messages to ids that are not vertices are dropped);</li>
 *   <li>each vertex with messages is co-grouped with its edges of the options' direction (all its edges
 *       when degrees are available) and the {@link ComputeFunction} runs on it once;</li>
 *   <li>the new values it sets update the solution set, the messages it sends are the next workset.</li>
 * </ol>
 * It ends when a superstep sends no message, or after {@code maxIterations} supersteps. The result is
 * the graph with the final vertex values and the original edges. Aggregators, broadcast sets, the
 * solution set's memory and the parallelism come from the {@link IterationOptions}.
 */
public final class VertexCentricIteration {
    private VertexCentricIteration() {}

    /**
     * Runs {@code compute} on {@code graph}; {@code combiner} may be null (every message is delivered).
     */
    public static <K, VV, EV, M> Graph<K, VV, EV> run(Graph<K, VV, EV> graph, ComputeFunction<K, VV, EV, M> compute,
            MessageCombiner<M> combiner, TypeInfo<M> messageType, int maxIterations, IterationOptions options) {
        TypeInfo<K> key = graph.getKeyType();
        TypeInfo<Tuple2<K, M>> messageRecord = Types.TUPLE(key, messageType);
        TypeInfo<Tuple2<K, List<M>>> inboxType = Types.TUPLE(key, Types.LIST(messageType));
        DataSet<Tuple2<K, M>> wakeUp = graph.getVertices().map(new WakeUp<K, VV, M>()).returns(messageRecord);
        DeltaIteration<Vertex<K, VV>, Tuple2<K, M>> iteration = options.configure(
                graph.getVertices().iterateDelta(wakeUp, maxIterations, 0));

        DataSet<Tuple2<K, List<M>>> inboxes = combiner == null
                ? iteration.getWorkset().groupBy(0).reduceGroup(new Inbox<K, M>()).returns(inboxType)
                : iteration.getWorkset().groupBy(0).reduce(new Combine<K, M>(combiner))
                        .map(new SingletonInbox<K, M>()).returns(inboxType);
        DataSet<Tuple3<K, Vertex<K, VV>, List<M>>> awake = inboxes.join(iteration.getSolutionSet()).where(0).equalTo(0)
                .with(new WithVertex<K, VV, M>()).returns(Types.TUPLE(key, graph.vertexType(), Types.LIST(messageType)));
        EdgeDirection carried = options.isDegreesAvailable() ? EdgeDirection.ALL : options.getDirection();
        DataSet<Tuple2<K, Edge<K, EV>>> keyedEdges = graph.getEdges().flatMap(new KeyedBy<K, EV>(carried))
                .returns(Types.TUPLE(key, graph.edgeType()));
        DataSet<Tuple4<K, Boolean, VV, M>> output = options.withBroadcastSets(awake.coGroup(keyedEdges).where(0).equalTo(0)
                .with(new Compute<K, VV, EV, M>(compute, options.getDirection(), options.isDegreesAvailable()))
                .returns(Types.TUPLE(key, Types.BOOLEAN, graph.getVertexValueType(), messageType)));
        DataSet<Vertex<K, VV>> updates = output.filter(new Kind<K, VV, M>(true)).map(new AsVertex<K, VV, M>())
                .returns(graph.vertexType());
        DataSet<Tuple2<K, M>> messages = output.filter(new Kind<K, VV, M>(false)).map(new AsMessage<K, VV, M>())
                .returns(messageRecord);
        return Graph.fromDataSet(iteration.closeWith(updates, messages), graph.getEdges());
    }

    /** Runs without a combiner, with default options. */
    public static <K, VV, EV, M> Graph<K, VV, EV> run(Graph<K, VV, EV> graph, ComputeFunction<K, VV, EV, M> compute,
            TypeInfo<M> messageType, int maxIterations) {
        return run(graph, compute, null, messageType, maxIterations, new IterationOptions());
    }

    /** The first superstep's entry for each vertex: no message (null), only its id. */
    private record WakeUp<K, VV, M>() implements MapFunction<Vertex<K, VV>, Tuple2<K, M>> {
        @Override
        public Tuple2<K, M> map(Vertex<K, VV> vertex) {
            return Tuple2.of(vertex.id(), null);
        }
    }

    /** All messages to a vertex in one list (the wake-up entries add none). */
    private record Inbox<K, M>() implements GroupReduceFunction<Tuple2<K, M>, Tuple2<K, List<M>>> {
        @Override
        public void reduce(Iterable<Tuple2<K, M>> messages, Collector<Tuple2<K, List<M>>> out) {
            K vertex = null;
            List<M> list = new ArrayList<>();
            for (Tuple2<K, M> m : messages) {
                vertex = m.f0;
                if (m.f1 != null) {
                    list.add(m.f1);
                }
            }
            out.collect(Tuple2.of(vertex, list));
        }
    }

    /** The combiner on two entries for one vertex; a wake-up entry (null) gives way to any message. */
    private record Combine<K, M>(MessageCombiner<M> combiner) implements ReduceFunction<Tuple2<K, M>> {
        @Override
        public Tuple2<K, M> reduce(Tuple2<K, M> a, Tuple2<K, M> b) throws Exception {
            if (a.f1 == null) {
                return b;
            }
            return b.f1 == null ? a : Tuple2.of(a.f0, combiner.combine(a.f1, b.f1));
        }
    }

    private record SingletonInbox<K, M>() implements MapFunction<Tuple2<K, M>, Tuple2<K, List<M>>> {
        @Override
        public Tuple2<K, List<M>> map(Tuple2<K, M> message) {
            return Tuple2.of(message.f0, message.f1 == null ? List.of() : List.of(message.f1));
        }
    }

    private record WithVertex<K, VV, M>() implements JoinFunction<Tuple2<K, List<M>>, Vertex<K, VV>, Tuple3<K, Vertex<K, VV>, List<M>>> {
        @Override
        public Tuple3<K, Vertex<K, VV>, List<M>> join(Tuple2<K, List<M>> inbox, Vertex<K, VV> vertex) {
            return Tuple3.of(vertex.id(), vertex, inbox.f1);
        }
    }

    /** {@code (vertex, edge)} for each end of the edge whose edges of {@code direction} include it. */
    private record KeyedBy<K, EV>(EdgeDirection direction) implements FlatMapFunction<Edge<K, EV>, Tuple2<K, Edge<K, EV>>> {
        @Override
        public void flatMap(Edge<K, EV> edge, Collector<Tuple2<K, Edge<K, EV>>> out) {
            if (direction != EdgeDirection.IN) {
                out.collect(Tuple2.of(edge.source(), edge));
            }
            if (direction != EdgeDirection.OUT && !(direction == EdgeDirection.ALL && edge.source().equals(edge.target()))) {
                out.collect(Tuple2.of(edge.target(), edge));
            }
        }
    }

    /**
     * Runs the compute function on each awake vertex with its edges; emits {@code (id, true, value, null)}
     * for a new value and {@code (target, false, null, message)} for a message. One instance per subtask.
     */
    private static final class Compute<K, VV, EV, M>
            extends RichCoGroupFunction<Tuple3<K, Vertex<K, VV>, List<M>>, Tuple2<K, Edge<K, EV>>, Tuple4<K, Boolean, VV, M>>
            implements ComputeFunction.Outbox<K, VV, M> {
        private static final long serialVersionUID = 1L;

        private final ComputeFunction<K, VV, EV, M> compute;
        private final EdgeDirection direction;
        private final boolean degrees;
        private transient List<Edge<K, EV>> edges;
        private transient Collector<Tuple4<K, Boolean, VV, M>> out;

        Compute(ComputeFunction<K, VV, EV, M> compute, EdgeDirection direction, boolean degrees) {
            this.compute = compute;
            this.direction = direction;
            this.degrees = degrees;
        }

        @Override
        public void open(OpenContext context) {
            compute.attach(getIterationRuntimeContext());
            edges = new ArrayList<>();
        }

        @Override
        public void coGroup(Iterable<Tuple3<K, Vertex<K, VV>, List<M>>> awake, Iterable<Tuple2<K, Edge<K, EV>>> keyedEdges,
                Collector<Tuple4<K, Boolean, VV, M>> out) throws Exception {
            Iterator<Tuple3<K, Vertex<K, VV>, List<M>>> it = awake.iterator();
            if (!it.hasNext()) {
                return;
            }
            Tuple3<K, Vertex<K, VV>, List<M>> vertexWithInbox = it.next();
            Vertex<K, VV> vertex = vertexWithInbox.f1;
            List<M> messages = vertexWithInbox.f2;
            edges.clear();
            long in = 0;
            long out1 = 0;
            for (Tuple2<K, Edge<K, EV>> ke : keyedEdges) {
                Edge<K, EV> e = ke.f1;
                if (degrees) {
                    in += e.target().equals(vertex.id()) ? 1 : 0;
                    out1 += e.source().equals(vertex.id()) ? 1 : 0;
                    if (!ComputeFunction.along(e, vertex.id(), direction)) {
                        continue;
                    }
                }
                edges.add(e);
            }
            this.out = out;
            compute.beforeVertex();
            compute.prepare(vertex.id(), edges, degrees ? in : -1, degrees ? out1 : -1, this);
            compute.compute(vertex, messages);
        }

        @Override
        public void update(K vertex, VV value) {
            out.collect(Tuple4.of(vertex, true, value, null));
        }

        @Override
        public void message(K target, M message) {
            out.collect(Tuple4.of(target, false, null, message));
        }
    }

    private record Kind<K, VV, M>(boolean update) implements FilterFunction<Tuple4<K, Boolean, VV, M>> {
        @Override
        public boolean filter(Tuple4<K, Boolean, VV, M> record) {
            return record.f1 == update;
        }
    }

    private record AsVertex<K, VV, M>() implements MapFunction<Tuple4<K, Boolean, VV, M>, Vertex<K, VV>> {
        @Override
        public Vertex<K, VV> map(Tuple4<K, Boolean, VV, M> record) {
            return new Vertex<>(record.f0, record.f2);
        }
    }

    private record AsMessage<K, VV, M>() implements MapFunction<Tuple4<K, Boolean, VV, M>, Tuple2<K, M>> {
        @Override
        public Tuple2<K, M> map(Tuple4<K, Boolean, VV, M> record) {
            return Tuple2.of(record.f0, record.f3);
        }
    }
}
