package io.eddy.api.dataset;

import io.eddy.api.connector.source.Boundedness;
import io.eddy.api.connector.source.InputStatus;
import io.eddy.api.connector.source.Source;
import io.eddy.api.connector.source.SourceOutput;
import io.eddy.api.connector.source.SourceReader;
import io.eddy.api.connector.source.SourceReaderContext;
import io.eddy.api.fs.FileStatus;
import io.eddy.api.fs.FileSystems;
import io.eddy.api.types.TypeInfo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of CSV files on any file system ({@link FileSystems}) as tuples or POJOs (see {@link CsvReader} for the format). Each file is one
 * split, read whole by one reader, so every line's number is known for error messages; a directory's
 * files are read in parallel.
 */
final class CsvFileSource<T> implements Source<T, CsvFileSource.CsvFile> {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final Class<?>[] columnTypes;
    private final char delimiter;
    private final Character quote;
    private final boolean skipFirstLine;
    private final boolean ignoreInvalid;
    private final TypeInfo<T> type;
    private final Rows<T> rows;

    /** How a row is made: a new record, and column i set on it. */
    interface Rows<T> extends Serializable {
        T create();

        T set(T row, int column, Object value);
    }

    /** One file, and the number of lines already read from it (for a restore). */
    record CsvFile(String file, long linesRead) implements Serializable {}

    CsvFileSource(String path, Class<?>[] columnTypes, char delimiter, Character quote, boolean skipFirstLine,
            boolean ignoreInvalid, TypeInfo<T> type, Rows<T> rows) {
        this.path = path;
        this.columnTypes = columnTypes;
        this.delimiter = delimiter;
        this.quote = quote;
        this.skipFirstLine = skipFirstLine;
        this.ignoreInvalid = ignoreInvalid;
        this.type = type;
        this.rows = rows;
    }

    @Override
    public io.eddy.api.connector.source.SizeEstimate estimateSize() {
        return io.eddy.api.connector.source.SizeEstimate.ofFiles(path);
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public List<CsvFile> createSplits(int parallelism) throws IOException {
        List<CsvFile> files = new ArrayList<>();
        for (FileStatus f : FileSystems.listInput(path, "readCsvFile")) {
            files.add(new CsvFile(f.path(), 0));
        }
        return files;
    }

    @Override
    public SourceReader<T, CsvFile> createReader(SourceReaderContext context) {
        return new Reader();
    }

    @Override
    public TypeInfo<T> getProducedType() {
        return type;
    }

    /** Thrown for a line that does not parse; the reader adds the file and line number. */
    private static final class InvalidLine extends Exception {
        InvalidLine(String message) {
            super(message, null, false, false);
        }
    }

    private final class Reader implements SourceReader<T, CsvFile> {
        private final ArrayDeque<CsvFile> pending = new ArrayDeque<>();
        private final String[] fields = new String[columnTypes.length];
        private final StringBuilder field = new StringBuilder();
        private BufferedReader reader;
        private CsvFile file;
        private long lineNumber;

        @Override
        public void addSplits(List<CsvFile> splits) {
            pending.addAll(splits);
        }

        @Override
        public InputStatus pollNext(SourceOutput<T> output) throws IOException {
            while (true) {
                if (reader == null && !openNext()) {
                    return InputStatus.END_OF_INPUT;
                }
                String line = reader.readLine();
                if (line == null) {
                    reader.close();
                    reader = null;
                    continue;
                }
                lineNumber++;
                if ((lineNumber == 1 && skipFirstLine) || line.isEmpty()) {
                    continue;
                }
                try {
                    split(line);
                    T row = rows.create();
                    for (int i = 0; i < fields.length; i++) {
                        row = rows.set(row, i, FieldParser.parse(columnTypes[i], fields[i], i));
                    }
                    output.collect(row);
                    return InputStatus.MORE_AVAILABLE;
                } catch (InvalidLine e) {
                    if (!ignoreInvalid) {
                        throw new IOException("Malformed CSV line " + lineNumber + " of " + file.file() + ": "
                                + e.getMessage() + ". Fix the line, or skip such lines with ignoreInvalidLines(). Line: " + line);
                    }
                }
            }
        }

        private boolean openNext() throws IOException {
            file = pending.poll();
            if (file == null) {
                return false;
            }
            reader = new BufferedReader(new InputStreamReader(FileSystems.get(file.file()).open(file.file()),
                    StandardCharsets.UTF_8), 64 * 1024);
            lineNumber = 0;
            while (lineNumber < file.linesRead() && reader.readLine() != null) {
                lineNumber++;
            }
            return true;
        }

        /** Cuts {@code line} into {@link #fields}; a wrong number of fields is an invalid line. */
        private void split(String line) throws InvalidLine {
            int count = 0;
            int i = 0;
            int n = line.length();
            while (true) {
                field.setLength(0);
                if (quote != null && i < n && line.charAt(i) == quote) {
                    i++;
                    while (true) {
                        if (i >= n) {
                            throw new InvalidLine("a quoted field is not closed");
                        }
                        char c = line.charAt(i++);
                        if (c == quote) {
                            if (i < n && line.charAt(i) == quote) {
                                field.append(quote.charValue());
                                i++;
                            } else {
                                break;
                            }
                        } else {
                            field.append(c);
                        }
                    }
                    if (i < n && line.charAt(i) != delimiter) {
                        throw new InvalidLine("text after the closing quote of field " + count);
                    }
                } else {
                    while (i < n && line.charAt(i) != delimiter) {
                        field.append(line.charAt(i++));
                    }
                }
                if (count == fields.length) {
                    throw new InvalidLine("more than the " + fields.length + " declared columns");
                }
                fields[count++] = field.toString();
                if (i >= n) {
                    break;
                }
                i++; // the delimiter
            }
            if (count != fields.length) {
                throw new InvalidLine(count + " fields where " + fields.length + " columns are declared");
            }
        }

        @Override
        public List<CsvFile> snapshotState(long checkpointId) {
            List<CsvFile> state = new ArrayList<>(pending.size() + 1);
            if (reader != null) {
                state.add(new CsvFile(file.file(), lineNumber));
            }
            state.addAll(pending);
            return state;
        }

        @Override
        public void close() throws IOException {
            if (reader != null) {
                reader.close();
                reader = null;
            }
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
