package io.eddy.ml.recommendation;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.dataset.Order;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FilterFunction;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.rich.RichGroupReduceFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.ml.io.HadoopPaths;
import io.eddy.ml.io.PartLines;
import io.eddy.ml.pipeline.ModelFile;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.util.List;

/**
 * ALS factors written and read where the cluster runs, never collected into the client: the tables
 * {@code id<TAB>v1,v2,…} (a directory of part files for the users and one for the items, see
 * {@link #write}) and the model file of {@link AlsModel} (entries {@code rank}, then {@code user} and
 * {@code item} lines in id order), on any file system ({@link HadoopPaths}); and test ratings evaluated
 * against the tables by joins.
 */
public final class AlsFactorFiles {
    private AlsFactorFiles() {}

    /** {@code (side, id, factor)}: side {@link Als#USERS} or {@link Als#ITEMS}. */
    private static final TypeInfo<Tuple3<Integer, Long, double[]>> ROW = Types.TUPLE(Types.INT, Types.LONG, Types.DOUBLE_ARRAY);
    private static final TypeInfo<Tuple2<Long, double[]>> FACTOR = Types.TUPLE(Types.LONG, Types.DOUBLE_ARRAY);

    /**
     * Writes {@code factors} (of {@link Als#train}) of rank {@code rank}: the user table to part files in
     * {@code usersDirectory}, the item table to part files in {@code itemsDirectory}, and then the model to
     * each of {@code modelFiles}. The tables are written by all subtasks at once: each side's factors are
     * range-partitioned by id ({@code partitionByRange}, so users and items are each spread over all
     * subtasks) and each subtask writes its share in id order to its part file
     * ({@link HadoopPaths#partFile}), so a table's part files taken in name order are in id order. A
     * model file is one file: once both tables are written, one subtask streams their lines into it.
     * The data set it returns holds one record, {@code [users, items]}, the numbers of factors written:
     * collecting it runs the job.
     */
    public static DataSet<long[]> write(DataSet<FactorBlock> factors, int rank, String usersDirectory, String itemsDirectory,
                                        List<String> modelFiles) {
        DataSet<Tuple3<Integer, Long, double[]>> rows = factors.flatMap(new FactorRows(rank)).returns(ROW);
        return writeTable(rows, Als.USERS, usersDirectory).union(writeTable(rows, Als.ITEMS, itemsDirectory))
                .mapPartition(new WriteModels(rank, usersDirectory, itemsDirectory, modelFiles)).returns(Types.LONG_ARRAY)
                .setParallelism(1).name("write ALS model files");
    }

    /** The rows of one side written as a table in {@code directory}; each subtask emits {@code [users, items]} it wrote. */
    private static DataSet<long[]> writeTable(DataSet<Tuple3<Integer, Long, double[]>> rows, int side, String directory) {
        return rows.filter(new OfSide(side)).partitionByRange(1).sortPartition(1, Order.ASCENDING)
                .mapPartition(new WriteTable(directory, side)).returns(Types.LONG_ARRAY)
                .name(side == Als.USERS ? "write user factors" : "write item factors");
    }

    /** The factors of a table written by {@link #write} (its directory), as {@code (id, factor)}. */
    public static DataSet<Tuple2<Long, double[]>> read(ExecutionEnvironment env, String table) {
        return env.readTextFile(table).map(new ParseRow()).returns(FACTOR).name("factors " + table);
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

    private record OfSide(int side) implements FilterFunction<Tuple3<Integer, Long, double[]>> {
        @Override
        public boolean filter(Tuple3<Integer, Long, double[]> row) {
            return row.f0 == side;
        }
    }

    /** Writes a subtask's rows of one side, in the order they come, to its part file of the table. */
    private static final class WriteTable extends RichGroupReduceFunction<Tuple3<Integer, Long, double[]>, long[]> {
        private static final long serialVersionUID = 1L;
        private final String directory;
        private final int side;

        WriteTable(String directory, int side) {
            this.directory = directory;
            this.side = side;
        }

        @Override
        public void reduce(Iterable<Tuple3<Integer, Long, double[]>> rows, Collector<long[]> out) throws IOException {
            long[] counts = new long[2];
            try (PartLines table = PartLines.create(directory, getRuntimeContext().getIndexOfThisSubtask())) {
                for (Tuple3<Integer, Long, double[]> row : rows) {
                    StringBuilder line = table.line().append(row.f1).append('\t');
                    for (int j = 0; j < row.f2.length; j++) {
                        if (j > 0) {
                            line.append(',');
                        }
                        line.append(row.f2[j]);
                    }
                    table.end();
                }
                counts[side] = table.lines();
            }
            // emitted once the file is closed: the model files are written from the complete tables
            out.collect(counts);
        }
    }

    /**
     * Runs once all tables are written (it receives every writer's counts): streams the user table's part
     * files, then the item table's, in name order into each model file as {@code user id,v1,…} and
     * {@code item id,v1,…} lines; emits the summed {@code [users, items]}.
     */
    private record WriteModels(int rank, String usersDirectory, String itemsDirectory, List<String> modelFiles)
            implements GroupReduceFunction<long[], long[]> {
        @Override
        public void reduce(Iterable<long[]> counts, Collector<long[]> out) throws IOException {
            long[] total = new long[2];
            for (long[] c : counts) {
                total[0] += c[0];
                total[1] += c[1];
            }
            for (String file : modelFiles) {
                try (BufferedWriter model = HadoopPaths.createText(file)) {
                    model.write(ModelFile.firstLine(AlsModel.class.getName()) + "\nrank " + (double) rank + "\n");
                    copyTable(usersDirectory, "user ", model);
                    copyTable(itemsDirectory, "item ", model);
                }
            }
            out.collect(total);
        }

        /** Each {@code id<TAB>values} line of the table as {@code <entry>id,values}. */
        private static void copyTable(String directory, String entry, BufferedWriter model) throws IOException {
            for (String part : HadoopPaths.listFiles(directory)) {
                try (BufferedReader reader = HadoopPaths.openText(part)) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        int tab = line.indexOf('\t');
                        model.write(entry);
                        model.write(line, 0, tab);
                        model.write(',');
                        model.write(line, tab + 1, line.length() - tab - 1);
                        model.write('\n');
                    }
                }
            }
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
