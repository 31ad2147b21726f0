package io.eddy.ml.io;

import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One large CSV file (about 3.8 MB: rows with {@code \n} and {@code \r\n} ends, comments and blank lines)
 * is cut into byte ranges that all parallel subtasks read: every row exactly once, input order
 * recoverable from the positions, and a malformed row far into the file named with its line number.
 */
class ParallelReadsTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(1, 4);

    private static final int ROWS = 60_000;
    private static final int PARALLELISM = 3;

    @TempDir
    static Path dir;
    private static Path file;

    /** Row i: features i, i/7, i·0.25 + 1000.125, −i, 12345.5 and label i % 2. */
    private static double[] features(int i) {
        return new double[] {i, i / 7.0, i * 0.25 + 1000.125, -i, 12345.5};
    }

    @BeforeAll
    static void writeFile() throws Exception {
        StringBuilder text = new StringBuilder("# one file, read in ranges\n");
        for (int i = 0; i < ROWS; i++) {
            double[] x = features(i);
            for (double v : x) {
                text.append(v).append(',');
            }
            text.append(i % 2).append(i % 3 == 0 ? "\r\n" : "\n");
            if (i % 10_000 == 5_000) {
                text.append("\n# a comment\n");
            }
        }
        file = dir.resolve("points.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        assertTrue(Files.size(file) > PARALLELISM * LineInputFormat.MIN_RANGE_BYTES, "the file spans several ranges");
    }

    private static VectorFormat format() {
        return VectorFormat.csv(true, 5);
    }

    @Test
    void oneFileIsCutIntoARangePerSubtask() throws Exception {
        List<LineInputFormat.FileRange> ranges = LineInputFormat.indexed(file.toString(), format().parser())
                .createInputSplits(PARALLELISM);
        assertEquals(PARALLELISM, ranges.size());
        assertEquals(0, ranges.get(0).start());
        for (int r = 1; r < ranges.size(); r++) {
            assertEquals(ranges.get(r - 1).end(), ranges.get(r).start(), "the ranges cover the file without gaps");
        }
        assertEquals(Files.size(file), ranges.get(PARALLELISM - 1).end());
    }

    @Test
    void everySubtaskReadsPartOfTheFileAndEveryRowIsReadOnce() throws Exception {
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(PARALLELISM);
        List<Tuple2<Integer, LabeledVector>> read = VectorFiles.read(env, file.toString(), format())
                .map(new TagWithSubtask()).returns(Types.TUPLE(Types.INT, io.eddy.ml.linalg.LinalgTypes.LABELED_VECTOR))
                .collect();
        assertEquals(ROWS, read.size());
        Set<Integer> subtasks = new TreeSet<>();
        List<LabeledVector> rows = new ArrayList<>();
        for (Tuple2<Integer, LabeledVector> t : read) {
            subtasks.add(t.f0);
            rows.add(t.f1);
        }
        assertEquals(Set.of(0, 1, 2), subtasks, "each subtask read a range of the one file");
        rows.sort(Comparator.comparingDouble(v -> v.features().get(0)));
        for (int i = 0; i < ROWS; i++) {
            LabeledVector v = rows.get(i);
            assertEquals(i % 2, v.label(), "label of row " + i);
            double[] expected = features(i);
            for (int j = 0; j < expected.length; j++) {
                assertEquals(expected[j], v.features().get(j), "feature " + j + " of row " + i);
            }
        }
    }

    @Test
    void positionsGiveTheInputOrder() throws Exception {
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(PARALLELISM);
        List<Tuple2<Long, LabeledVector>> read = new ArrayList<>(VectorFiles.readIndexed(env, file.toString(), format()).collect());
        read.sort(Comparator.comparingLong(t -> t.f0));
        assertEquals(ROWS, read.size());
        for (int i = 0; i < ROWS; i++) {
            assertEquals((double) i, read.get(i).f1.features().get(0));
        }
    }

    @Test
    void aMalformedRowInALaterRangeIsNamedWithItsLineNumber() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        int broken = lines.size() - 100;
        lines.set(broken - 1, "1,2,oops,4,5,1");
        Path bad = dir.resolve("bad.csv");
        Files.write(bad, lines, StandardCharsets.UTF_8);
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(PARALLELISM);
        Exception e = assertThrows(Exception.class, () -> VectorFiles.read(env, bad.toString(), format()).count());
        Throwable root = e;
        while (root.getCause() != null && !String.valueOf(root.getMessage()).contains("Malformed")) {
            root = root.getCause();
        }
        String expected = String.format(Locale.ROOT, "Malformed CSV line %d of %s: field 3 ('oops') is not a number",
                broken, bad);
        assertTrue(root.getMessage().contains(expected), root.getMessage());
    }

    private static final class TagWithSubtask extends RichMapFunction<LabeledVector, Tuple2<Integer, LabeledVector>> {
        @Override
        public Tuple2<Integer, LabeledVector> map(LabeledVector v) {
            return Tuple2.of(getRuntimeContext().getIndexOfThisSubtask(), v);
        }
    }
}
