package io.eddy.gelly;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

import java.io.Serializable;

/**
 * The vertex state that the delta iterations of scatter-gather and gather-sum-apply keep per vertex (in the
 * solution set and the workset): the user's vertex value itself, or, with
 * {@link IterationOptions#setDegreesAvailable}, the value with the vertex's in- and out-degree
 * ({@link WithDegrees}), counted once before the iteration, so that a superstep still carries only the
 * edges of the direction. A model runs its iteration through {@link #run}, which picks the state, and
 * reaches the user's value and degrees through the {@link State} it is given. Stateless.
 */
public final class VertexStates {
    private VertexStates() {}

    /** An iteration model's delta iteration over vertices whose state {@code S} holds the user's value as {@code states} says. */
    public interface Iteration<K, VV> {
        <S> DataSet<Vertex<K, S>> run(DataSet<Vertex<K, S>> vertices, TypeInfo<Vertex<K, S>> stateType, State<K, VV, S> states);
    }

    /** Runs {@code iteration} over the graph's vertices, with their degrees when {@code options} asks; the vertices it ends with. */
    public static <K, VV, EV> DataSet<Vertex<K, VV>> run(Graph<K, VV, EV> graph, IterationOptions options, Iteration<K, VV> iteration) {
        if (!options.isDegreesAvailable()) {
            return iteration.run(graph.getVertices(), graph.vertexType(), new AsIs<K, VV>());
        }
        TypeInfo<Vertex<K, WithDegrees<VV>>> stateType = Vertex.type(graph.getKeyType(),
                WithDegrees.type(graph.getVertexValueType()));
        DataSet<Vertex<K, WithDegrees<VV>>> withDegrees = graph.getVertices().join(graph.inDegrees()).where(0).equalTo(0)
                .with(new AddInDegree<K, VV>()).returns(stateType)
                .join(graph.outDegrees()).where(0).equalTo(0).with(new AddOutDegree<K, VV>()).returns(stateType);
        return iteration.run(withDegrees, stateType, new Degreed<K, VV>())
                .map(new DropDegrees<K, VV>()).returns(graph.vertexType());
    }

    /** How a vertex state {@code S} holds the user's vertex value {@code VV}. */
    public interface State<K, VV, S> extends Serializable {
        /** The user's value in {@code state}. */
        VV value(S state);

        /** The vertex as the user's functions see it. */
        Vertex<K, VV> userVertex(Vertex<K, S> vertex);

        /** Hands the vertex's degrees to {@code function} (nothing when they are not kept: it then refuses to give them). */
        void setDegrees(Vertex<K, S> vertex, IterationFunction function);

        /** The vertex's state with the value a function set. */
        Vertex<K, S> updated(Vertex<K, S> vertex, VV value);
    }

    private record AsIs<K, VV>() implements State<K, VV, VV> {
        @Override
        public VV value(VV state) {
            return state;
        }

        @Override
        public Vertex<K, VV> userVertex(Vertex<K, VV> vertex) {
            return vertex;
        }

        @Override
        public void setDegrees(Vertex<K, VV> vertex, IterationFunction function) {}

        @Override
        public Vertex<K, VV> updated(Vertex<K, VV> vertex, VV value) {
            return new Vertex<>(vertex.id(), value);
        }
    }

    private record Degreed<K, VV>() implements State<K, VV, WithDegrees<VV>> {
        @Override
        public VV value(WithDegrees<VV> state) {
            return state.value();
        }

        @Override
        public Vertex<K, VV> userVertex(Vertex<K, WithDegrees<VV>> vertex) {
            return new Vertex<>(vertex.id(), vertex.value().value());
        }

        @Override
        public void setDegrees(Vertex<K, WithDegrees<VV>> vertex, IterationFunction function) {
            function.setVertexDegrees(vertex.value().inDegree(), vertex.value().outDegree());
        }

        @Override
        public Vertex<K, WithDegrees<VV>> updated(Vertex<K, WithDegrees<VV>> vertex, VV value) {
            WithDegrees<VV> old = vertex.value();
            return new Vertex<>(vertex.id(), new WithDegrees<>(value, old.inDegree(), old.outDegree()));
        }
    }

    /** A vertex value with the vertex's in- and out-degree: the state an iteration with degrees keeps per vertex (internal). */
    public record WithDegrees<VV>(VV value, Long inDegree, Long outDegree) {
        static <VV> TypeInfo<WithDegrees<VV>> type(TypeInfo<VV> valueType) {
            return Types.RECORD(WithDegrees.class, valueType, Types.LONG, Types.LONG);
        }
    }

    private record AddInDegree<K, VV>() implements JoinFunction<Vertex<K, VV>, Tuple2<K, Long>, Vertex<K, WithDegrees<VV>>> {
        @Override
        public Vertex<K, WithDegrees<VV>> join(Vertex<K, VV> vertex, Tuple2<K, Long> inDegree) {
            return new Vertex<>(vertex.id(), new WithDegrees<>(vertex.value(), inDegree.f1, 0L));
        }
    }

    private record AddOutDegree<K, VV>() implements JoinFunction<Vertex<K, WithDegrees<VV>>, Tuple2<K, Long>, Vertex<K, WithDegrees<VV>>> {
        @Override
        public Vertex<K, WithDegrees<VV>> join(Vertex<K, WithDegrees<VV>> vertex, Tuple2<K, Long> outDegree) {
            return new Vertex<>(vertex.id(), new WithDegrees<>(vertex.value().value(), vertex.value().inDegree(), outDegree.f1));
        }
    }

    private record DropDegrees<K, VV>() implements MapFunction<Vertex<K, WithDegrees<VV>>, Vertex<K, VV>> {
        @Override
        public Vertex<K, VV> map(Vertex<K, WithDegrees<VV>> vertex) {
            return new Vertex<>(vertex.id(), vertex.value().value());
        }
    }
}
