package io.eddy.ml.classification;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.rich.RichGroupReduceFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.linalg.Vector;
import io.eddy.ml.pipeline.Param;
import io.eddy.ml.pipeline.WithParams;

import java.util.List;

/**
 * Exact k-nearest-neighbours classification. A query's neighbours are the {@link #K} training points
 * first in the order of (squared Euclidean distance, label), so points at equal distance are taken
 * smaller label first (which of several equal (distance, label) points is taken does not change the
 * vote). The prediction is the label with the most neighbours; a tie goes to the smallest label.
 * With fewer than k training points, all of them vote.
 *
 * <p>One job, no model to fit: the queries (numbered) are a broadcast set of the training set's
 * partitions; each partition keeps, per query, a bounded max-heap of its k best (distance, label)
 * pairs (no allocation per point), and one group per query merges the partitions' candidates and
 * votes. Memory per task: the queries and k pairs per query.
 */
public final class KNearestNeighbors extends WithParams<KNearestNeighbors> {
    private static final long serialVersionUID = 1L;

    public static final Param<Integer> K = Param.intParam("k", "the number of neighbours that vote", 5, Param.atLeast(1));

    private static final String QUERIES = "queries";
    /** {@code (query id, true label, [distance, label, distance, label, …])}. */
    private static final TypeInfo<Tuple3<Long, Double, double[]>> CANDIDATES = Types.TUPLE(Types.LONG, Types.DOUBLE, Types.DOUBLE_ARRAY);
    /** {@code (query id, true label, prediction)}. */
    public static final TypeInfo<Tuple3<Long, Double, Double>> PREDICTION = Types.TUPLE(Types.LONG, Types.DOUBLE, Types.DOUBLE);

    /** {@code (query id, its label, predicted label)} for every query. */
    public DataSet<Tuple3<Long, Double, Double>> predict(DataSet<LabeledVector> training,
                                                         DataSet<Tuple2<Long, LabeledVector>> queries) {
        int k = get(K);
        return training.mapPartition(new LocalNearest(k)).returns(CANDIDATES).name("k nearest per partition")
                .withBroadcastSet(queries, QUERIES)
                .groupBy(0).reduceGroup(new Vote(k)).returns(PREDICTION).name("k-NN vote");
    }

    /** Whether (d1, l1) comes before (d2, l2). */
    private static boolean before(double d1, double l1, double d2, double l2) {
        return d1 < d2 || (d1 == d2 && l1 < l2);
    }

    private static final class LocalNearest extends RichGroupReduceFunction<LabeledVector, Tuple3<Long, Double, double[]>> {
        private static final long serialVersionUID = 1L;
        private final int k;

        LocalNearest(int k) {
            this.k = k;
        }

        @Override
        public void reduce(Iterable<LabeledVector> points, Collector<Tuple3<Long, Double, double[]>> out) {
            List<Tuple2<Long, LabeledVector>> queries = getRuntimeContext().getBroadcastVariable(QUERIES);
            int q = queries.size();
            double[][] x = new double[q][];
            for (int i = 0; i < q; i++) {
                x[i] = queries.get(i).f1.features().toDense().values();
            }
            // heaps[i]: pairs (distance, label), the worst at 0; sizes[i] of them used
            double[][] heaps = new double[q][2 * k];
            int[] sizes = new int[q];
            for (LabeledVector p : points) {
                Vector v = p.features();
                for (int i = 0; i < q; i++) {
                    if (v.size() != x[i].length) {
                        throw new IllegalArgumentException("A training point has " + v.size() + " features, query "
                                + queries.get(i).f0 + " has " + x[i].length + ": they must have the same");
                    }
                    double d = squaredDistance(v, x[i]);
                    offer(heaps[i], sizes[i], d, p.label());
                    if (sizes[i] < k) {
                        sizes[i]++;
                    }
                }
            }
            for (int i = 0; i < q; i++) {
                out.collect(Tuple3.of(queries.get(i).f0, queries.get(i).f1.label(), java.util.Arrays.copyOf(heaps[i], 2 * sizes[i])));
            }
        }

        private static double squaredDistance(Vector v, double[] x) {
            double sum = 0;
            for (int j = 0; j < x.length; j++) {
                double e = v.get(j) - x[j];
                sum += e * e;
            }
            return sum;
        }

        /** Adds (d, label) to the max-heap of {@code size} pairs when it has room or the pair beats the worst. */
        private void offer(double[] heap, int size, double d, double label) {
            int at;
            if (size < k) {
                at = size;
                while (at > 0) {
                    int parent = (at - 1) / 2;
                    if (!before(heap[2 * parent], heap[2 * parent + 1], d, label)) {
                        break;
                    }
                    heap[2 * at] = heap[2 * parent];
                    heap[2 * at + 1] = heap[2 * parent + 1];
                    at = parent;
                }
            } else {
                if (!before(d, label, heap[0], heap[1])) {
                    return;
                }
                at = 0;
                while (true) {
                    int child = 2 * at + 1;
                    if (child >= k) {
                        break;
                    }
                    if (child + 1 < k && before(heap[2 * child], heap[2 * child + 1], heap[2 * child + 2], heap[2 * child + 3])) {
                        child++;
                    }
                    if (!before(d, label, heap[2 * child], heap[2 * child + 1])) {
                        break;
                    }
                    heap[2 * at] = heap[2 * child];
                    heap[2 * at + 1] = heap[2 * child + 1];
                    at = child;
                }
            }
            heap[2 * at] = d;
            heap[2 * at + 1] = label;
        }
    }

    /** Merges a query's candidates, keeps the k first by (distance, label), and takes the majority label. */
    private record Vote(int k) implements GroupReduceFunction<Tuple3<Long, Double, double[]>, Tuple3<Long, Double, Double>> {
        @Override
        public void reduce(Iterable<Tuple3<Long, Double, double[]>> candidates, Collector<Tuple3<Long, Double, Double>> out) {
            long query = 0;
            double truth = 0;
            java.util.List<double[]> pairs = new java.util.ArrayList<>();
            for (Tuple3<Long, Double, double[]> c : candidates) {
                query = c.f0;
                truth = c.f1;
                for (int i = 0; i < c.f2.length; i += 2) {
                    pairs.add(new double[] {c.f2[i], c.f2[i + 1]});
                }
            }
            pairs.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
            java.util.TreeMap<Double, Integer> votes = new java.util.TreeMap<>();
            for (int i = 0; i < Math.min(k, pairs.size()); i++) {
                votes.merge(pairs.get(i)[1], 1, Integer::sum);
            }
            double best = Double.NaN;
            int most = 0;
            for (java.util.Map.Entry<Double, Integer> v : votes.entrySet()) {
                if (v.getValue() > most) {
                    most = v.getValue();
                    best = v.getKey();
                }
            }
            out.collect(Tuple3.of(query, truth, best));
        }
    }
}
