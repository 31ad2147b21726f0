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

    /** The row of {@code line}; null for an empty line, or for a malformed one with ignoreInvalidLines(). */
    @Override
    public T parse(String line) {
        if (line.isEmpty()) {
            return null;
        }
        try {
            String[] fields = split(line);
            T row = rows.create();
            for (int i = 0; i < fields.length; i++) {
                row = rows.set(row, i, FieldParser.parse(columnTypes[i], fields[i], i));
            }
            return row;
        } catch (InvalidLine e) {
            if (ignoreInvalid) {
                return null;
            }
            throw new IllegalArgumentException(e.getMessage() + ". Fix the line, or skip such lines with ignoreInvalidLines()");
        }
    }

    /** Thrown for a line that does not parse. */
    private static final class InvalidLine extends Exception {
        InvalidLine(String message) {
            super(message, null, false, false);
        }
    }

    /** Cuts {@code line} into one field per column; a wrong number of fields is an invalid line. */
    private String[] split(String line) throws InvalidLine {
        String[] fields = new String[columnTypes.length];
        int count = 0;
        int i = 0;
        int n = line.length();
        while (true) {
            String value;
            if (quote != null && i < n && line.charAt(i) == quote) {
                StringBuilder quoted = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new InvalidLine("a quoted field is not closed");
                    }
                    char c = line.charAt(i++);
                    if (c == quote) {
                        if (i < n && line.charAt(i) == quote) {
                            quoted.append(quote.charValue());
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        quoted.append(c);
                    }
                }
                if (i < n && line.charAt(i) != delimiter) {
                    throw new InvalidLine("text after the closing quote of field " + count);
                }
                value = quoted.toString();
            } else {
                int start = i;
                while (i < n && line.charAt(i) != delimiter) {
                    i++;
                }
                value = line.substring(start, i);
            }
            if (count == fields.length) {
                throw new InvalidLine("more than the " + fields.length + " declared columns");
            }
            fields[count++] = value;
            if (i >= n) {
                break;
            }
            i++; // the delimiter
        }
        if (count != fields.length) {
            throw new InvalidLine(count + " fields where " + fields.length + " columns are declared");
        }
        return fields;
    }

    /** Parses one field into a column's type. */
    static final class FieldParser {
        private FieldParser() {}

        static boolean supports(Class<?> type) {
            return type == String.class || type == Integer.class || type == Long.class || type == Double.class
                    || type == Float.class || type == Short.class || type == Byte.class || type == Boolean.class
                    || type == Character.class;
        }

        static Object parse(Class<?> type, String text, int column) throws InvalidLine {
            if (type == String.class) {
                return text;
            }
            String t = text.trim();
            try {
                if (type == Integer.class) {
                    return Integer.parseInt(t);
                } else if (type == Long.class) {
                    return Long.parseLong(t);
                } else if (type == Double.class) {
                    return Double.parseDouble(t);
                } else if (type == Float.class) {
                    return Float.parseFloat(t);
                } else if (type == Short.class) {
                    return Short.parseShort(t);
                } else if (type == Byte.class) {
                    return Byte.parseByte(t);
                }
            } catch (NumberFormatException e) {
                throw new InvalidLine("field " + column + " '" + text + "' is not a " + type.getSimpleName());
            }
            if (type == Boolean.class) {
                if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(t);
                }
                throw new InvalidLine("field " + column + " '" + text + "' is not true or false");
            }
            if (t.length() != 1) {
                throw new InvalidLine("field " + column + " '" + text + "' is not one character");
            }
            return t.charAt(0);
        }
    }
}
