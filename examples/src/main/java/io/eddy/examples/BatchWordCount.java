package io.eddy.examples;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.tuple.Tuple2;

/**
 * Batch word count on the DataSet API: splits lines into lower-case words (the same rule as the
 * streaming {@link WordCount}), counts each word once over the whole input (a combiner before the
 * shuffle, a sort-based reduce after it) and writes one {@code word count} line per distinct word.
 *
 * <pre>
 * bin/eddy run -c io.eddy.examples.BatchWordCount examples/target/eddy-examples.jar [--input file-or-dir] [--output dir]
 * </pre>
 * Without {@code --input} it counts a built-in text; without {@code --output} it prints.
 */
public final class BatchWordCount {
    private BatchWordCount() {}

    public static void main(String[] args) throws Exception {
        ProgramArguments params = ProgramArguments.parse(args);
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment();

        String input = params.get("input");
        DataSet<String> lines = input != null ? env.readTextFile(input) : env.fromElements(WordCount.BUILT_IN_TEXT);

        DataSet<String> counts = lines
                .flatMap(new WordCount.Tokenizer())
                .groupBy(0).sum(1)
                .map((Tuple2<String, Integer> wordAndCount) -> wordAndCount.f0 + " " + wordAndCount.f1);

        String output = params.get("output");
        if (output != null) {
            counts.writeAsText(output);
            env.execute("Batch WordCount");
        } else {
            counts.print();
        }
    }
}
