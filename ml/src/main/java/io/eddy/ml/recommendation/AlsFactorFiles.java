package io.eddy.ml.recommendation;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.dataset.Order;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.ml.io.HadoopPaths;
import io.eddy.ml.pipeline.ModelFile;

import java.io.BufferedWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * ALS factors written and read where the cluster runs, never collected into the client: the tables
 * {@code id<TAB>v1,v2,…} (users and items, each in id order in one file) and the model file of
 * {@link AlsModel} (entries {@code rank}, then {@code user} and {@code item} lines in id order), on any
 * file system ({@link HadoopPaths}); and test ratings evaluated against the tables by joins.
 */
public final class AlsFactorFiles {
    private AlsFactorFiles() {}

    /** {@code (side, id, factor)}: side {@link Als#USERS} or {@link Als#ITEMS}. */
    private static final TypeInfo<Tuple3<Integer, Long, double[]>> ROW = Types.TUPLE(Types.INT, Types.LONG, Types.DOUBLE_ARRAY);
    private static final TypeInfo<Tuple2<Long, double[]>> FACTOR = Types.TUPLE(Types.LONG, Types.DOUBLE_ARRAY);

    /**
     * Writes {@code factors} (of {@link Als#train}) of rank {@code rank}: the user table to
     * {@code usersFile}, the item table to {@code itemsFile} and the model to each of {@code modelFiles}.
     * One subtask writes them, after a sort by side and id. The data set it returns holds one record,
     * {@code [users, items]}, the numbers of factors written: collecting it runs the job.
     */
    public static DataSet<long[]> write(DataSet<FactorBlock> factors, int rank, String usersFile, String itemsFile,
                                        List<String> modelFiles) {
        return factors.flatMap(new FactorRows(rank)).returns(ROW)
                .sortPartition(0, Order.ASCENDING).sortPartition(1, Order.ASCENDING).setParallelism(1)
                .mapPartition(new WriteTables(rank, usersFile, itemsFile, modelFiles)).returns(Types.LONG_ARRAY)
                .setParallelism(1).name("write ALS factors");
    }

    /** The factors of a table written by {@link #write}, as {@code (id, factor)}. */
    public static DataSet<Tuple2<Long, double[]>> read(ExecutionEnvironment env, String tableFile) {
        return env.readTextFile(tableFile).map(new ParseRow()).returns(FACTOR).name("factors " + tableFile);
    }

    /**
     * {@code (rating, prediction)} of the test ratings whose user and item have factors in the tables;
     * the prediction is xᵤ·yᵢ as {@link AlsModel#predict} computes it.
     */
    public static DataSet<Tuple2<Double, Double>> evaluate(DataSet<Tuple3<Long, Long, Double>> ratings,
                                                           DataSet<Tuple2<Long, double[]>> users,
                                                           DataSet<Tuple2<Long, double[]>> items) {
        return ratings.join(users).where(0).equalTo(0).with(new WithUser())
                .returns(Types.TUPLE(Types.LONG, Types.DOUBLE, Types.DOUBLE_ARRAY))
                .join(items).where(0).equalTo(0).with(new Predict())
                .returns(Types.TUPLE(Types.DOUBLE, Types.DOUBLE));
    }

    private record FactorRows(int rank) implements FlatMapFunction<FactorBlock, Tuple3<Integer, Long, double[]>> {
        @Override
        public void flatMap(FactorBlock block, Collector<Tuple3<Integer, Long, double[]>> out) {
            for (int k = 0; k < block.ids().length; k++) {
                out.collect(Tuple3.of(block.side(), block.ids()[k],
                        java.util.Arrays.copyOfRange(block.factors(), k * rank, (k + 1) * rank)));
            }
        }
    }

    /** Writes the sorted rows (users first) into the tables and the model files; emits {@code [users, items]}. */
    private record WriteTables(int rank, String usersFile, String itemsFile, List<String> modelFiles)
            implements GroupReduceFunction<Tuple3<Integer, Long, double[]>, long[]> {
        @Override
        public void reduce(Iterable<Tuple3<Integer, Long, double[]>> rows, Collector<long[]> out) throws IOException {
            long[] counts = new long[2];
            List<BufferedWriter> models = new ArrayList<>();
            try (BufferedWriter users = HadoopPaths.createText(usersFile);
                 BufferedWriter items = HadoopPaths.createText(itemsFile)) {
                for (String file : modelFiles) {
                    BufferedWriter model = HadoopPaths.createText(file);
                    models.add(model);
                    model.write(ModelFile.firstLine(AlsModel.class.getName()) + "\nrank " + (double) rank + "\n");
                }
                StringBuilder values = new StringBuilder();
                for (Tuple3<Integer, Long, double[]> row : rows) {
                    values.setLength(0);
                    for (int j = 0; j < row.f2.length; j++) {
                        values.append(j > 0 ? "," : "").append(row.f2[j]);
                    }
                    boolean user = row.f0 == Als.USERS;
                    (user ? users : items).write(row.f1 + "\t" + values + "\n");
                    for (BufferedWriter model : models) {
                        model.write((user ? "user " : "item ") + row.f1 + "," + values + "\n");
                    }
                    counts[row.f0]++;
                }
            } finally {
                for (BufferedWriter model : models) {
                    model.close();
                }
            }
            out.collect(counts);
        }
    }

    private static final class ParseRow implements MapFunction<String, Tuple2<Long, double[]>> {
        @Override
        public Tuple2<Long, double[]> map(String line) {
            int tab = line.indexOf('\t');
            return Tuple2.of(Long.parseLong(line.substring(0, tab)), ModelFile.parseNumbers(line.substring(tab + 1)));
        }
    }

    /** {@code (item, rating, user factor)}. */
    private static final class WithUser
            implements JoinFunction<Tuple3<Long, Long, Double>, Tuple2<Long, double[]>, Tuple3<Long, Double, double[]>> {
        @Override
        public Tuple3<Long, Double, double[]> join(Tuple3<Long, Long, Double> rating, Tuple2<Long, double[]> user) {
            return Tuple3.of(rating.f1, rating.f2, user.f1);
        }
    }

    private static final class Predict
            implements JoinFunction<Tuple3<Long, Double, double[]>, Tuple2<Long, double[]>, Tuple2<Double, Double>> {
        @Override
        public Tuple2<Double, Double> join(Tuple3<Long, Double, double[]> rating, Tuple2<Long, double[]> item) {
            double[] x = rating.f2;
            double[] y = item.f1;
            double sum = 0;
            for (int j = 0; j < x.length; j++) {
                sum += x[j] * y[j];
            }
            return Tuple2.of(rating.f1, sum);
        }
    }
}
