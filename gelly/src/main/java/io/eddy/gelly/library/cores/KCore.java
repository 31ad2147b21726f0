package io.eddy.gelly.library.cores;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.IterativeDataSet;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FilterFunction;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.CoGroupFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.gelly.Graph;
import io.eddy.gelly.GraphAlgorithm;
import io.eddy.gelly.Vertex;
import io.eddy.gelly.library.SimpleGraph;

import java.util.Arrays;
import java.util.Iterator;

/**
 * k-core decomposition: {@code (id, core number)} for every vertex of the simple undirected graph (edge
 * directions, self-loops and duplicate edges dropped). The core number of {@code v} is the largest
 * {@code k} such that {@code v} belongs to the k-core, the largest subgraph in which every vertex has at
 * least {@code k} neighbours; isolated vertices have 0. The vertices with core number {@code >= k} are the
 * k-core.
 *
 * <p>Montresor, De Pellegrini and Miorandi's estimate refinement on a native bulk iteration: every vertex
 * starts with its degree as estimate; each iteration every vertex learns its neighbours' estimates and
 * lowers its own to the largest {@code k <= estimate} such that at least {@code k} neighbours have an
 * estimate {@code >= k}. The estimates never fall below the core numbers and stop exactly at them; the
 * iteration ends after the first iteration in which no estimate falls (or after {@code maxIterations}).
 */
public final class KCore<K extends Comparable<K>, VV, EV> implements GraphAlgorithm<K, VV, EV, DataSet<Vertex<K, Long>>> {
    private final int maxIterations;

    public KCore() {
        this(Integer.MAX_VALUE);
    }

    public KCore(int maxIterations) {
        this.maxIterations = maxIterations;
    }

    @Override
    public DataSet<Vertex<K, Long>> run(Graph<K, VV, EV> graph) {
        TypeInfo<K> key = graph.getKeyType();
        SimpleGraph<K> simple = SimpleGraph.of(graph);
        TypeInfo<Tuple3<K, Long, Boolean>> stateType = Types.TUPLE(key, Types.LONG, Types.BOOLEAN);
        IterativeDataSet<Tuple3<K, Long, Boolean>> estimates = simple.degrees().map(new Start<K>()).returns(stateType)
                .iterate(maxIterations);
        DataSet<Tuple2<K, Long>> told = estimates.join(simple.neighbors()).where(0).equalTo(0)
                .with(new TellNeighbor<K>()).returns(Types.TUPLE(key, Types.LONG));
        DataSet<Tuple3<K, Long, Boolean>> next = estimates.coGroup(told).where(0).equalTo(0).with(new Refine<K>()).returns(stateType);
        DataSet<Tuple3<K, Long, Boolean>> fallen = next.filter(new Fell<K>());
        return estimates.closeWith(next, fallen).map(new Core<K>()).returns(Vertex.type(key, Types.LONG));
    }

    private record Start<K>() implements MapFunction<Tuple2<K, Long>, Tuple3<K, Long, Boolean>> {
        @Override
        public Tuple3<K, Long, Boolean> map(Tuple2<K, Long> degree) {
            return Tuple3.of(degree.f0, degree.f1, true);
        }
    }

    private record TellNeighbor<K>() implements JoinFunction<Tuple3<K, Long, Boolean>, Tuple2<K, K>, Tuple2<K, Long>> {
        @Override
        public Tuple2<K, Long> join(Tuple3<K, Long, Boolean> vertex, Tuple2<K, K> edge) {
            return Tuple2.of(edge.f1, vertex.f1);
        }
    }

    /** The largest k <= estimate with at least k neighbour estimates >= k; counts per capped estimate, reused. */
    private static final class Refine<K> implements CoGroupFunction<Tuple3<K, Long, Boolean>, Tuple2<K, Long>, Tuple3<K, Long, Boolean>> {
        private static final long serialVersionUID = 1L;

        private transient long[] counts;

        @Override
        public void coGroup(Iterable<Tuple3<K, Long, Boolean>> vertex, Iterable<Tuple2<K, Long>> neighbors,
                Collector<Tuple3<K, Long, Boolean>> out) {
            Iterator<Tuple3<K, Long, Boolean>> it = vertex.iterator();
            if (!it.hasNext()) {
                return;
            }
            Tuple3<K, Long, Boolean> v = it.next();
            int estimate = (int) (long) v.f1;
            if (counts == null || counts.length < estimate + 1) {
                counts = new long[Math.max(16, 2 * (estimate + 1))];
            }
            Arrays.fill(counts, 0, estimate + 1, 0);
            for (Tuple2<K, Long> n : neighbors) {
                counts[(int) Math.min(n.f1, estimate)]++;
            }
            long atLeast = 0;
            int k = estimate;
            for (; k > 0; k--) {
                atLeast += counts[k];
                if (atLeast >= k) {
                    break;
                }
            }
            out.collect(Tuple3.of(v.f0, (long) k, k < estimate));
        }
    }

    private record Fell<K>() implements FilterFunction<Tuple3<K, Long, Boolean>> {
        @Override
        public boolean filter(Tuple3<K, Long, Boolean> state) {
            return state.f2;
        }
    }

    private record Core<K>() implements MapFunction<Tuple3<K, Long, Boolean>, Vertex<K, Long>> {
        @Override
        public Vertex<K, Long> map(Tuple3<K, Long, Boolean> state) {
            return new Vertex<>(state.f0, state.f1);
        }
    }
}
