package io.eddy.gelly.gsa;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.DeltaIteration;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.functions.rich.RichFlatJoinFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.gelly.Edge;
import io.eddy.gelly.EdgeDirection;
import io.eddy.gelly.Graph;
import io.eddy.gelly.IterationOptions;
import io.eddy.gelly.Neighbor;
import io.eddy.gelly.Vertex;

/**
 * The gather-sum-apply model on a native delta iteration. The solution set is the vertices, keyed by
 * id; the workset is the vertices that changed in the previous superstep (all of them at the start).
 * Each superstep, for every edge whose source (for direction OUT: values travel along edges; IN: against
 * them, from the target; ALL: both) is in the workset, {@link GatherFunction gather} computes that
 * neighbour's contribution to the vertex at the other end; {@link SumFunction sum} combines the
 * contributions per vertex (before and after the shuffle); {@link ApplyFunction apply} sees the sum and
 * the vertex's current value and may set a new one, which updates the solution set and joins the next
 * workset. It ends when no vertex changes, or after {@code maxIterations} supersteps.
 */
public final class GatherSumApplyIteration {
    private GatherSumApplyIteration() {}

    public static <K, VV, EV, M> Graph<K, VV, EV> run(Graph<K, VV, EV> graph, GatherFunction<K, VV, EV, M> gather,
            SumFunction<M> sum, ApplyFunction<K, VV, M> apply, TypeInfo<M> sumType, int maxIterations, IterationOptions options) {
        TypeInfo<K> key = graph.getKeyType();
        DeltaIteration<Vertex<K, VV>, Vertex<K, VV>> iteration = options.configure(
                graph.getVertices().iterateDelta(graph.getVertices(), maxIterations, 0));
        // (neighbour id, edge turned so that its source is the neighbour and its target the receiving vertex)
        DataSet<Edge<K, EV>> paths = graph.getEdges().flatMap(new Travel<K, EV>(options.getDirection())).returns(graph.edgeType());
        DataSet<Tuple2<K, M>> contributions = options.withBroadcastSets(iteration.getWorkset().join(paths).where(0).equalTo(0)
                .with(new Gather<K, VV, EV, M>(gather)).returns(Types.TUPLE(key, sumType)));
        DataSet<Tuple2<K, M>> sums = contributions.groupBy(0).reduce(new SumOfField1<K, M>(sum));
        DataSet<Vertex<K, VV>> updates = options.withBroadcastSets(sums.join(iteration.getSolutionSet()).where(0).equalTo(0)
                .with(new Apply<K, VV, M>(apply)).returns(graph.vertexType()));
        return Graph.fromDataSet(iteration.closeWith(updates, updates), graph.getEdges());
    }

    public static <K, VV, EV, M> Graph<K, VV, EV> run(Graph<K, VV, EV> graph, GatherFunction<K, VV, EV, M> gather,
            SumFunction<M> sum, ApplyFunction<K, VV, M> apply, TypeInfo<M> sumType, int maxIterations) {
        return run(graph, gather, sum, apply, sumType, maxIterations, new IterationOptions());
    }

    /** The edge as a path from the contributing vertex (source) to the receiving one (target). */
    private record Travel<K, EV>(EdgeDirection direction) implements FlatMapFunction<Edge<K, EV>, Edge<K, EV>> {
        @Override
        public void flatMap(Edge<K, EV> edge, Collector<Edge<K, EV>> out) {
            if (direction != EdgeDirection.IN) {
                out.collect(edge);
            }
            if (direction != EdgeDirection.OUT) {
                out.collect(edge.reverse());
            }
        }
    }

    private static final class Gather<K, VV, EV, M> extends RichFlatJoinFunction<Vertex<K, VV>, Edge<K, EV>, Tuple2<K, M>> {
        private static final long serialVersionUID = 1L;

        private final GatherFunction<K, VV, EV, M> gather;

        Gather(GatherFunction<K, VV, EV, M> gather) {
            this.gather = gather;
        }

        @Override
        public void open(OpenContext context) {
            gather.attach(getIterationRuntimeContext());
        }

        @Override
        public void join(Vertex<K, VV> neighbor, Edge<K, EV> path, Collector<Tuple2<K, M>> out) throws Exception {
            gather.beforeVertex();
            out.collect(Tuple2.of(path.target(), gather.gather(new Neighbor<>(neighbor.id(), neighbor.value(), path.value()))));
        }
    }

    private record SumOfField1<K, M>(SumFunction<M> sum) implements ReduceFunction<Tuple2<K, M>> {
        @Override
        public Tuple2<K, M> reduce(Tuple2<K, M> a, Tuple2<K, M> b) throws Exception {
            return Tuple2.of(a.f0, sum.reduce(a.f1, b.f1));
        }
    }

    private static final class Apply<K, VV, M> extends RichFlatJoinFunction<Tuple2<K, M>, Vertex<K, VV>, Vertex<K, VV>> {
        private static final long serialVersionUID = 1L;

        private final ApplyFunction<K, VV, M> apply;

        Apply(ApplyFunction<K, VV, M> apply) {
            this.apply = apply;
        }

        @Override
        public void open(OpenContext context) {
            apply.attach(getIterationRuntimeContext());
        }

        @Override
        public void join(Tuple2<K, M> sum, Vertex<K, VV> vertex, Collector<Vertex<K, VV>> out) throws Exception {
            apply.beforeVertex();
            apply.reset();
            apply.apply(sum.f1, vertex.value());
            if (apply.updated()) {
                out.collect(new Vertex<>(vertex.id(), apply.result()));
            }
        }
    }
}
