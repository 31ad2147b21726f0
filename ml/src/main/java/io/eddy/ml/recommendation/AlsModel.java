package io.eddy.ml.recommendation;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.functions.Collector;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.Types;
import io.eddy.ml.pipeline.Model;
import io.eddy.ml.pipeline.ModelFile;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The factors {@link Als} learned; predicts rating xᵤ·yᵢ. Saved as entries {@code rank}, then one
 * {@code user <id>,<v1>,…} and one {@code item <id>,<v1>,…} line per factor, in id order.
 */
public final class AlsModel implements Model {
    private static final long serialVersionUID = 1L;

    private final int rank;
    private final Map<Long, double[]> users;
    private final Map<Long, double[]> items;

    public AlsModel(int rank, Map<Long, double[]> users, Map<Long, double[]> items) {
        this.rank = rank;
        this.users = users;
        this.items = items;
    }

    public int rank() {
        return rank;
    }

    /** User factors by id, in id order. */
    public Map<Long, double[]> users() {
        return new TreeMap<>(users);
    }

    /** Item factors by id, in id order. */
    public Map<Long, double[]> items() {
        return new TreeMap<>(items);
    }

    /** xᵤ·yᵢ, or NaN when the user or the item was not in the training ratings. */
    public double predict(long user, long item) {
        double[] x = users.get(user);
        double[] y = items.get(item);
        if (x == null || y == null) {
            return Double.NaN;
        }
        double sum = 0;
        for (int j = 0; j < rank; j++) {
            sum += x[j] * y[j];
        }
        return sum;
    }

    /**
     * {@code (rating, prediction)} of the test ratings whose user and item have factors; the others
     * cannot be predicted and are left out (count them with {@link #unknown}).
     */
    public DataSet<Tuple2<Double, Double>> evaluate(DataSet<Tuple3<Long, Long, Double>> ratings) {
        return ratings.flatMap(new Evaluate(this)).returns(Types.TUPLE(Types.DOUBLE, Types.DOUBLE));
    }

    /** Whether the rating's user or item has no factor. */
    public boolean unknown(long user, long item) {
        return !users.containsKey(user) || !items.containsKey(item);
    }

    private record Evaluate(AlsModel model) implements FlatMapFunction<Tuple3<Long, Long, Double>, Tuple2<Double, Double>> {
        @Override
        public void flatMap(Tuple3<Long, Long, Double> r, Collector<Tuple2<Double, Double>> out) {
            double p = model.predict(r.f0, r.f1);
            if (!Double.isNaN(p)) {
                out.collect(Tuple2.of(r.f2, p));
            }
        }
    }

    /** {@code id<TAB>v1,v2,…} lines in id order: the command line's {@code users/} and {@code items/} files. */
    public static String table(Map<Long, double[]> factors) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<Long, double[]> e : new TreeMap<>(factors).entrySet()) {
            b.append(e.getKey()).append('\t').append(csv(e.getValue())).append('\n');
        }
        return b.toString();
    }

    @Override
    public void write(ModelFile file) {
        file.put("rank", rank);
        users().forEach((id, v) -> file.put("user", id + "," + csv(v)));
        items().forEach((id, v) -> file.put("item", id + "," + csv(v)));
    }

    private static String csv(double[] v) {
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < v.length; j++) {
            b.append(j > 0 ? "," : "").append(v[j]);
        }
        return b.toString();
    }

    public static AlsModel read(ModelFile file) {
        int rank = (int) file.number("rank");
        return new AlsModel(rank, factors(file, "user", rank), factors(file, "item", rank));
    }

    private static Map<Long, double[]> factors(ModelFile file, String name, int rank) {
        Map<Long, double[]> factors = new HashMap<>();
        for (String line : file.all(name)) {
            int comma = line.indexOf(',');
            double[] v = ModelFile.parseNumbers(line.substring(comma + 1));
            if (v.length != rank) {
                throw new IllegalArgumentException("The saved ALS model has a " + name + " factor of " + v.length
                        + " values, its rank is " + rank + ": the file is damaged");
            }
            factors.put(Long.parseLong(line.substring(0, comma)), Arrays.copyOf(v, rank));
        }
        return factors;
    }
}
