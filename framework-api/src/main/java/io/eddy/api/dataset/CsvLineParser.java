package io.eddy.api.dataset;

import io.eddy.api.connector.source.TextFileSource;

import java.io.Serializable;

/**
 * One CSV line into a tuple or POJO (see {@link CsvReader} for the format), for a {@link TextFileSource},
 * which cuts the files into byte ranges read in parallel and names the file and line of a line that
 * does not parse. Stateless: the parallel readers may share an instance.
 */
final class CsvLineParser<T> implements TextFileSource.LineParser<T> {
    private static final long serialVersionUID = 1L;

    private final Class<?>[] columnTypes;
    private final char delimiter;
    private final Character quote;
    private final boolean ignoreInvalid;
    private final Rows<T> rows;

    /** How a row is made: a new record, and column i set on it. */
    interface Rows<T> extends Serializable {
        T create();

        T set(T row, int column, Object value);
    }

    CsvLineParser(Class<?>[] columnTypes, char delimiter, Character quote, boolean ignoreInvalid, Rows<T> rows) {
        this.columnTypes = columnTypes;
        this.delimiter = delimiter;
        this.quote = quote;
        this.ignoreInvalid = ignoreInvalid;
        this.rows = rows;
    }

    @Override
    public String lineKind() {
        return "CSV";
    }

    /**
     * The row of {@code line}; null for an empty line, or for a malformed one with ignoreInvalidLines(). Each
     * field is parsed where it stands in the line: no array of fields and, for numbers other than floating
     * point ones, no string per field (a quoted field is unescaped into a string first).
     */
    @Override
    public T parse(String line) {
        if (line.isEmpty()) {
            return null;
        }
        try {
            T row = rows.create();
            int column = 0;
            int i = 0;
            int n = line.length();
            while (true) {
                if (column == columnTypes.length) {
                    throw new InvalidLine("more than the " + columnTypes.length + " declared columns");
                }
                Object value;
                if (quote != null && i < n && line.charAt(i) == quote) {
                    StringBuilder quoted = new StringBuilder();
                    i = unquote(line, i + 1, quoted);
                    if (i < n && line.charAt(i) != delimiter) {
                        throw new InvalidLine("text after the closing quote of field " + column);
                    }
                    value = FieldParser.parse(columnTypes[column], quoted, 0, quoted.length(), column);
                } else {
                    int start = i;
                    while (i < n && line.charAt(i) != delimiter) {
                        i++;
                    }
                    value = FieldParser.parse(columnTypes[column], line, start, i, column);
                }
                row = rows.set(row, column++, value);
                if (i >= n) {
                    break;
                }
                i++; // the delimiter
            }
            if (column != columnTypes.length) {
                throw new InvalidLine(column + " fields where " + columnTypes.length + " columns are declared");
            }
            return row;
        } catch (InvalidLine e) {
            if (ignoreInvalid) {
                return null;
            }
            throw new IllegalArgumentException(e.getMessage() + ". Fix the line, or skip such lines with ignoreInvalidLines()");
        }
    }

    /** Appends the quoted field that starts at {@code from} (after its opening quote) to {@code to}; where it ends, after the closing quote. */
    private int unquote(String line, int from, StringBuilder to) throws InvalidLine {
        int i = from;
        while (true) {
            if (i >= line.length()) {
                throw new InvalidLine("a quoted field is not closed");
            }
            char c = line.charAt(i++);
            if (c != quote) {
                to.append(c);
            } else if (i < line.length() && line.charAt(i) == quote) {
                to.append(c);
                i++;
            } else {
                return i;
            }
        }
    }

    /** Thrown for a line that does not parse. */
    private static final class InvalidLine extends Exception {
        InvalidLine(String message) {
            super(message, null, false, false);
        }
    }

    /** Parses one field into a column's type. */
    static final class FieldParser {
        private FieldParser() {}

        static boolean supports(Class<?> type) {
            return type == String.class || type == Integer.class || type == Long.class || type == Double.class
                    || type == Float.class || type == Short.class || type == Byte.class || type == Boolean.class
                    || type == Character.class;
        }

        /** Parses {@code text[start, end)}, column {@code column} of its line, into {@code type}; numbers and booleans may have blanks around them. */
        static Object parse(Class<?> type, CharSequence text, int start, int end, int column) throws InvalidLine {
            if (type == String.class) {
                return text.subSequence(start, end).toString();
            }
            int from = start;
            int to = end;
            while (from < to && text.charAt(from) <= ' ') {
                from++;
            }
            while (to > from && text.charAt(to - 1) <= ' ') {
                to--;
            }
            try {
                if (type == Integer.class) {
                    return Integer.parseInt(text, from, to, 10);
                } else if (type == Long.class) {
                    return Long.parseLong(text, from, to, 10);
                } else if (type == Double.class) {
                    return Double.parseDouble(text.subSequence(from, to).toString());
                } else if (type == Float.class) {
                    return Float.parseFloat(text.subSequence(from, to).toString());
                } else if (type == Short.class) {
                    return (short) inRange(Integer.parseInt(text, from, to, 10), Short.MIN_VALUE, Short.MAX_VALUE);
                } else if (type == Byte.class) {
                    return (byte) inRange(Integer.parseInt(text, from, to, 10), Byte.MIN_VALUE, Byte.MAX_VALUE);
                }
            } catch (NumberFormatException e) {
                throw new InvalidLine("field " + column + " '" + text.subSequence(start, end) + "' is not a " + type.getSimpleName());
            }
            if (type == Boolean.class) {
                if (is(text, from, to, "true")) {
                    return Boolean.TRUE;
                }
                if (is(text, from, to, "false")) {
                    return Boolean.FALSE;
                }
                throw new InvalidLine("field " + column + " '" + text.subSequence(start, end) + "' is not true or false");
            }
            if (to - from != 1) {
                throw new InvalidLine("field " + column + " '" + text.subSequence(start, end) + "' is not one character");
            }
            return text.charAt(from);
        }

        private static int inRange(int value, int min, int max) {
            if (value < min || value > max) {
                throw new NumberFormatException("out of range");
            }
            return value;
        }

        /** Whether {@code text[from, to)} is {@code word}, ignoring case. */
        private static boolean is(CharSequence text, int from, int to, String word) {
            if (to - from != word.length()) {
                return false;
            }
            for (int k = 0; k < word.length(); k++) {
                if (Character.toLowerCase(text.charAt(from + k)) != word.charAt(k)) {
                    return false;
                }
            }
            return true;
        }
    }
}
