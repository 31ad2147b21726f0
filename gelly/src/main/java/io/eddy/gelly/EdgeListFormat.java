package io.eddy.gelly;

import io.eddy.api.connector.source.TextFileSource;

/**
 * The edge-list text format: one edge per line, {@code source target [weight]} separated by tabs or
 * spaces, long ids, a double weight (1.0 when absent); blank lines and lines starting with {@code #}
 * are skipped. Read with {@link Graph#fromEdgeList}, which cuts each file into byte ranges that all
 * parallel readers share; a line that does not parse fails the job with the file, the line number and
 * the line. Stateless, so the readers may share an instance.
 */
final class EdgeListFormat implements TextFileSource.LineParser<Edge<Long, Double>> {
    private static final long serialVersionUID = 1L;

    @Override
    public String lineKind() {
        return "edge-list";
    }

    /** The edge of {@code line}; null for a blank or comment line. */
    @Override
    public Edge<Long, Double> parse(String line) {
        int end = line.length();
        int start = skipBlanks(line, 0);
        if (start == end || line.charAt(start) == '#') {
            return null;
        }
        int sourceEnd = fieldEnd(line, start);
        int targetStart = skipBlanks(line, sourceEnd);
        int targetEnd = fieldEnd(line, targetStart);
        int weightStart = skipBlanks(line, targetEnd);
        int weightEnd = fieldEnd(line, weightStart);
        if (targetStart == targetEnd || skipBlanks(line, weightEnd) != end) {
            throw new IllegalArgumentException("expected 'source target [weight]' separated by tabs or spaces");
        }
        return new Edge<>(id(line, start, sourceEnd, "source"), id(line, targetStart, targetEnd, "target"),
                weightStart == weightEnd ? 1.0 : weight(line.substring(weightStart, weightEnd)));
    }

    private static long id(String line, int start, int end, String which) {
        try {
            return Long.parseLong(line, start, end, 10);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the " + which + " id '" + line.substring(start, end) + "' is not a long integer");
        }
    }

    private static double weight(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the weight '" + text + "' is not a number");
        }
    }

    private static int skipBlanks(String line, int from) {
        while (from < line.length() && isBlank(line.charAt(from))) {
            from++;
        }
        return from;
    }

    private static int fieldEnd(String line, int from) {
        while (from < line.length() && !isBlank(line.charAt(from))) {
            from++;
        }
        return from;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
