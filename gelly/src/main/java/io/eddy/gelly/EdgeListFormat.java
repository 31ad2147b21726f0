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
        try {
            return new Edge<>(Long.parseLong(line, start, sourceEnd, 10), Long.parseLong(line, targetStart, targetEnd, 10),
                    weightStart == weightEnd ? 1.0 : Double.parseDouble(line.substring(weightStart, weightEnd)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ids must be long integers and the weight a number (" + e.getMessage() + ")");
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
