package io.eddy.examples;

import io.eddy.api.config.Configuration;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.functions.Collector;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.tuple.Tuple4;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The batch examples on an embedded cluster, each against the same computation in plain Java. */
class BatchExamplesTest {
    @Test
    void batchWordCountCountsEveryWordOnce(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            lines.add(WordCount.BUILT_IN_TEXT[i % WordCount.BUILT_IN_TEXT.length] + " extra" + (i % 37));
        }
        Path input = Files.write(dir.resolve("input.txt"), lines);
        Path output = dir.resolve("out");
        StreamExecutionEnvironment.initializeContextEnvironment(new Configuration(), getClass().getClassLoader(), null);
        try {
            BatchWordCount.main(new String[] {"--input", input.toString(), "--output", output.toString()});
        } finally {
            StreamExecutionEnvironment.resetContextEnvironment();
        }

        Map<String, Integer> expected = new TreeMap<>();
        WordCount.Tokenizer tokenizer = new WordCount.Tokenizer();
        Collector<Tuple2<String, Integer>> count = t -> expected.merge(t.f0, t.f1, Integer::sum);
        for (String line : lines) {
            tokenizer.flatMap(line, count);
        }
        List<String> expectedLines = new ArrayList<>();
        expected.forEach((w, c) -> expectedLines.add(w + " " + c));
        assertEquals(expectedLines, readLines(output));
    }

    @Test
    void tpchLikeQueryMatchesAPlainJavaEvaluation() throws Exception {
        int orders = 40_000;
        List<Tuple3<Long, Integer, Long>> actual = TpchLikeQuery.run(
                ExecutionEnvironment.getExecutionEnvironment().setParallelism(2), orders);

        TpchLikeQuery.Tables.Customer customer = new TpchLikeQuery.Tables.Customer();
        Set<Long> segment = new HashSet<>();
        for (long c = 0; c < TpchLikeQuery.Tables.customers(orders); c++) {
            if (customer.map(c).f1.equals(TpchLikeQuery.SEGMENT)) {
                segment.add(c);
            }
        }
        TpchLikeQuery.Tables.Orders order = new TpchLikeQuery.Tables.Orders(TpchLikeQuery.Tables.customers(orders));
        Map<Long, Integer> dates = new HashMap<>();
        for (long o = 0; o < orders; o++) {
            Tuple3<Long, Long, Integer> row = order.map(o);
            if (row.f2 < TpchLikeQuery.DATE && segment.contains(row.f1)) {
                dates.put(row.f0, row.f2);
            }
        }
        TpchLikeQuery.Tables.LineItem item = new TpchLikeQuery.Tables.LineItem();
        Map<Long, Long> revenue = new HashMap<>();
        for (long l = 0; l < TpchLikeQuery.Tables.lineItems(orders); l++) {
            Tuple4<Long, Long, Integer, Integer> row = item.map(l);
            if (row.f3 > TpchLikeQuery.DATE && dates.containsKey(row.f0)) {
                revenue.merge(row.f0, row.f1 * (100 - row.f2), Long::sum);
            }
        }
        List<Tuple3<Long, Integer, Long>> expected = revenue.entrySet().stream()
                .map(e -> Tuple3.of(e.getKey(), dates.get(e.getKey()), e.getValue()))
                .sorted(Comparator.comparing((Tuple3<Long, Integer, Long> t) -> -t.f2).thenComparing(t -> t.f0))
                .limit(10).toList();
        assertEquals(10, expected.size());
        assertEquals(expected, actual);
    }

    private static List<String> readLines(Path directory) throws Exception {
        List<String> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.addAll(Files.readAllLines(f));
            }
        }
        all.sort(null);
        return all;
    }
}
