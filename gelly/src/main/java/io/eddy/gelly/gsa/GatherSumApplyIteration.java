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
import io.eddy.gelly.VertexStates;

/**
 * The gather-sum-apply model on a native delta iteration. The solution set is the vertices, keyed by
 * id; the workset is the vertices that changed in the previous superstep (all of them at the start).
 * Each superstep, for every edge whose source (for direction OUT: values travel along edges; IN: against
 * them, from the target; ALL: both) is in the workset, {@link GatherFunction gather} computes that
 * neighbour's contribution to the vertex at the other end; {@link SumFunction sum} combines the
 * contributions per vertex (before and after the shuffle); {@link ApplyFunction apply} sees the sum and
 * the vertex's current value and may set a new one, which updates the solution set and joins the next
 * workset. It ends when no vertex changes, or after {@code maxIterations} supersteps.
 *
 * <p>With {@link IterationOptions#setDegreesAvailable} the functions can read in- and out-degrees whatever
 * the direction: {@link GatherFunction gather} those of the neighbour it gathers from (the contributing
 * vertex, as PageRank divides a neighbour's rank by its out-degree), {@link ApplyFunction apply} those of the
 * vertex it updates. They are counted once before the iteration and travel with each vertex's value
 * ({@link VertexStates}), so a superstep still carries only the edges of the direction.
 */
public final class GatherSumApplyIteration {
    private GatherSumApplyIteration() {}

    public static <K, VV, EV, M> Graph<K, VV, EV> run(Graph<K, VV, EV> graph, GatherFunction<K, VV, EV, M> gather,
            SumFunction<M> sum, ApplyFunction<K, VV, M> apply, TypeInfo<M> sumType, int maxIterations, IterationOptions options) {
        DataSet<Vertex<K, VV>> result = VertexStates.run(graph, options, new VertexStates.Iteration<K, VV>() {
            @Override
            public <S> DataSet<Vertex<K, S>> run(DataSet<Vertex<K, S>> vertices, TypeInfo<Vertex<K, S>> stateType,
                    VertexStates.State<K, VV, S> states) {
                return iterate(vertices, stateType, graph, states, gather, sum, apply, sumType, maxIterations, options);
            }
        });
        return Graph.fromDataSet(result, graph.getEdges());
    }

    /** The delta iteration over vertices whose state {@code S} holds the user's value as {@code states} says. */
    private static <K, VV, S, EV, M> DataSet<Vertex<K, S>> iterate(DataSet<Vertex<K, S>> vertices, TypeInfo<Vertex<K, S>> stateType,
            Graph<K, VV, EV> graph, VertexStates.State<K, VV, S> states, GatherFunction<K, VV, EV, M> gather, SumFunction<M> sum,
            ApplyFunction<K, VV, M> apply, TypeInfo<M> sumType, int maxIterations, IterationOptions options) {
        TypeInfo<K> key = graph.getKeyType();
        DeltaIteration<Vertex<K, S>, Vertex<K, S>> iteration = options.configure(vertices.iterateDelta(vertices, maxIterations, 0));
        // (neighbour id, edge turned so that its source is the neighbour and its target the receiving vertex)
        DataSet<Edge<K, EV>> paths = graph.getEdges().flatMap(new Travel<K, EV>(options.getDirection())).returns(graph.edgeType());
        DataSet<Tuple2<K, M>> contributions = options.withBroadcastSets(iteration.getWorkset().join(paths).where(0).equalTo(0)
                .with(new Gather<K, VV, S, EV, M>(gather, states)).returns(Types.TUPLE(key, sumType)));
        DataSet<Tuple2<K, M>> sums = contributions.groupBy(0).reduce(new SumOfField1<K, M>(sum));
        DataSet<Vertex<K, S>> updates = options.withBroadcastSets(sums.join(iteration.getSolutionSet()).where(0).equalTo(0)
                .with(new Apply<K, VV, S, M>(apply, states)).returns(stateType));
        return iteration.closeWith(updates, updates);
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

    private static final class Gather<K, VV, S, EV, M> extends RichFlatJoinFunction<Vertex<K, S>, Edge<K, EV>, Tuple2<K, M>> {
        private static final long serialVersionUID = 1L;

        private final GatherFunction<K, VV, EV, M> gather;
        private final VertexStates.State<K, VV, S> states;

        Gather(GatherFunction<K, VV, EV, M> gather, VertexStates.State<K, VV, S> states) {
            this.gather = gather;
            this.states = states;
        }

        @Override
        public void open(OpenContext context) {
            gather.attach(getIterationRuntimeContext());
        }

        @Override
        public void join(Vertex<K, S> neighbor, Edge<K, EV> path, Collector<Tuple2<K, M>> out) throws Exception {
            gather.beforeVertex();
            states.setDegrees(neighbor, gather);
            M contribution = gather.gather(new Neighbor<>(neighbor.id(), states.value(neighbor.value()), path.value()));
            out.collect(Tuple2.of(path.target(), contribution));
        }
    }

    private record SumOfField1<K, M>(SumFunction<M> sum) implements ReduceFunction<Tuple2<K, M>> {
        @Override
        public Tuple2<K, M> reduce(Tuple2<K, M> a, Tuple2<K, M> b) throws Exception {
            return Tuple2.of(a.f0, sum.reduce(a.f1, b.f1));
        }
    }

    private static final class Apply<K, VV, S, M> extends RichFlatJoinFunction<Tuple2<K, M>, Vertex<K, S>, Vertex<K, S>> {
        private static final long serialVersionUID = 1L;

        private final ApplyFunction<K, VV, M> apply;
        private final VertexStates.State<K, VV, S> states;

        Apply(ApplyFunction<K, VV, M> apply, VertexStates.State<K, VV, S> states) {
            this.apply = apply;
            this.states = states;
        }

        @Override
        public void open(OpenContext context) {
            apply.attach(getIterationRuntimeContext());
        }

        @Override
        public void join(Tuple2<K, M> sum, Vertex<K, S> vertex, Collector<Vertex<K, S>> out) throws Exception {
            apply.beforeVertex();
            apply.reset();
            states.setDegrees(vertex, apply);
            apply.apply(sum.f1, states.value(vertex.value()));
            if (apply.updated()) {
                out.collect(states.updated(vertex, apply.result()));
            }
        }
    }
}
