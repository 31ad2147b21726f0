package io.eddy.gelly.library.cores;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.IterativeDataSet;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FilterFunction;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.CoGroupFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple4;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.gelly.Graph;
import io.eddy.gelly.GraphAlgorithm;
import io.eddy.gelly.Vertex;
import io.eddy.gelly.library.SimpleGraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

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
        // (id, estimate, whether it fell in the last iteration, neighbours): the graph travels with the estimates,
        // so the iteration reads no input from outside it
        TypeInfo<Tuple4<K, Long, Boolean, List<K>>> stateType = Types.TUPLE(key, Types.LONG, Types.BOOLEAN, Types.LIST(key));
        IterativeDataSet<Tuple4<K, Long, Boolean, List<K>>> estimates = simple.degrees().coGroup(simple.neighbors())
                .where(0).equalTo(0).with(new Start<K>()).returns(stateType).iterate(maxIterations);
        DataSet<Tuple2<K, Long>> told = estimates.flatMap(new TellNeighbors<K>()).returns(Types.TUPLE(key, Types.LONG));
        DataSet<Tuple4<K, Long, Boolean, List<K>>> next = estimates.coGroup(told).where(0).equalTo(0).with(new Refine<K>())
                .returns(stateType);
        DataSet<Tuple4<K, Long, Boolean, List<K>>> fallen = next.filter(new Fell<K>());
        return estimates.closeWith(next, fallen).map(new Core<K>()).returns(Vertex.type(key, Types.LONG));
    }

    private record Start<K>() implements CoGroupFunction<Tuple2<K, Long>, Tuple2<K, K>, Tuple4<K, Long, Boolean, List<K>>> {
        @Override
        public void coGroup(Iterable<Tuple2<K, Long>> degree, Iterable<Tuple2<K, K>> edges, Collector<Tuple4<K, Long, Boolean, List<K>>> out) {
            Iterator<Tuple2<K, Long>> it = degree.iterator();
            if (!it.hasNext()) {
                return;
            }
            Tuple2<K, Long> d = it.next();
            List<K> neighbours = new ArrayList<>();
            for (Tuple2<K, K> e : edges) {
                neighbours.add(e.f1);
            }
            out.collect(Tuple4.of(d.f0, d.f1, true, neighbours));
        }
    }

    private record TellNeighbors<K>() implements FlatMapFunction<Tuple4<K, Long, Boolean, List<K>>, Tuple2<K, Long>> {
        @Override
        public void flatMap(Tuple4<K, Long, Boolean, List<K>> vertex, Collector<Tuple2<K, Long>> out) {
            for (K neighbour : vertex.f3) {
                out.collect(Tuple2.of(neighbour, vertex.f1));
            }
        }
    }

    /** The largest k <= estimate with at least k neighbour estimates >= k; counts per capped estimate, reused. */
    private static final class Refine<K> implements CoGroupFunction<Tuple4<K, Long, Boolean, List<K>>, Tuple2<K, Long>, Tuple4<K, Long, Boolean, List<K>>> {
        private static final long serialVersionUID = 1L;

        private transient long[] counts;

        @Override
        public void coGroup(Iterable<Tuple4<K, Long, Boolean, List<K>>> vertex, Iterable<Tuple2<K, Long>> neighbors,
                Collector<Tuple4<K, Long, Boolean, List<K>>> out) {
            Iterator<Tuple4<K, Long, Boolean, List<K>>> it = vertex.iterator();
            if (!it.hasNext()) {
                return;
            }
            Tuple4<K, Long, Boolean, List<K>> v = it.next();
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
            out.collect(Tuple4.of(v.f0, (long) k, k < estimate, v.f3));
        }
    }

    private record Fell<K>() implements FilterFunction<Tuple4<K, Long, Boolean, List<K>>> {
        @Override
        public boolean filter(Tuple4<K, Long, Boolean, List<K>> state) {
            return state.f2;
        }
    }

    private record Core<K>() implements MapFunction<Tuple4<K, Long, Boolean, List<K>>, Vertex<K, Long>> {
        @Override
        public Vertex<K, Long> map(Tuple4<K, Long, Boolean, List<K>> state) {
            return new Vertex<>(state.f0, state.f1);
        }
    }
}
