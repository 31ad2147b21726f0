package io.eddy.examples;

import io.eddy.api.datastream.DataStream;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.tuple.Tuple2;

/**
 * Streaming word count: splits lines into lower-case words on non-letters, keys by word, keeps a
 * running count and emits {@code word count} for every update.
 *
 * <pre>
 * bin/eddy run examples/target/eddy-examples.jar [--input file-or-dir] [--output dir]
 * </pre>
 * Without {@code --input} it counts a built-in text; without {@code --output} it prints.
 */
public final class WordCount {
    private WordCount() {}

    static final String[] BUILT_IN_TEXT = {
        "To be, or not to be, that is the question:",
        "Whether 'tis nobler in the mind to suffer",
        "The slings and arrows of outrageous fortune,",
        "Or to take arms against a sea of troubles",
        "And by opposing end them. To die-to sleep,",
        "No more; and by a sleep to say we end",
        "The heart-ache and the thousand natural shocks",
        "That flesh is heir to: 'tis a consummation",
        "Devoutly to be wish'd. To die, to sleep;",
        "To sleep, perchance to dream-ay, there's the rub:",
    };

    public static void main(String[] args) throws Exception {
        ProgramArguments params = ProgramArguments.parse(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

        String input = params.get("input");
        DataStream<String> lines = input != null ? env.readTextFile(input) : env.fromElements(BUILT_IN_TEXT);

        DataStream<String> counts = lines
                .flatMap(new Tokenizer()).name("Tokenize")
                .keyBy(wordAndOne -> wordAndOne.f0)
                .sum(1).name("Count")
                .map(wordAndCount -> wordAndCount.f0 + " " + wordAndCount.f1).name("Format");

        String output = params.get("output");
        if (output != null) {
            counts.writeAsText(output);
        } else {
            counts.print();
        }
        env.execute("Streaming WordCount");
    }

    /** Splits a line into lower-case words of letters and emits (word, 1) for each. */
    public static final class Tokenizer implements FlatMapFunction<String, Tuple2<String, Integer>> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(String line, Collector<Tuple2<String, Integer>> out) {
            int start = -1;
            for (int i = 0; i <= line.length(); i++) {
                boolean letter = i < line.length() && Character.isLetter(line.charAt(i));
                if (letter && start < 0) {
                    start = i;
                } else if (!letter && start >= 0) {
                    out.collect(Tuple2.of(line.substring(start, i).toLowerCase(), 1));
                    start = -1;
                }
            }
        }
    }
}
