package io.eddy.api.dataset;

import io.eddy.api.tuple.Tuple;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

/**
 * Settings of a CSV input, started with {@code env.readCsvFile(path)} and ended with
 * {@link #types(Class[])}, which gives a DataSet of tuples with one field per column. Fields are
 * separated by {@link #fieldDelimiter} (default {@code ,}); a field may be enclosed in the quote
 * character (none by default), inside which delimiters are data and a doubled quote is one quote.
 * A line that does not parse (wrong number of fields, a number that is not one) fails the job with
 * the file and line number, or is skipped with {@link #ignoreInvalidLines()}.
 */
public final class CsvReader {
    private final ExecutionEnvironment environment;
    private final String path;
    private char delimiter = ',';
    private Character quote;
    private boolean skipFirstLine;
    private boolean ignoreInvalid;

    CsvReader(ExecutionEnvironment environment, String path) {
        this.environment = environment;
        this.path = path;
    }

    public CsvReader fieldDelimiter(char delimiter) {
        this.delimiter = delimiter;
        return this;
    }

    /** Fields may be enclosed in {@code quote}. */
    public CsvReader parseQuotedStrings(char quote) {
        this.quote = quote;
        return this;
    }

    /** Skips the first line of each file (a header). */
    public CsvReader ignoreFirstLine() {
        this.skipFirstLine = true;
        return this;
    }

    /** Skips lines that do not parse instead of failing the job. */
    public CsvReader ignoreInvalidLines() {
        this.ignoreInvalid = true;
        return this;
    }

    /**
     * The column types, one per column, of String, Integer, Long, Double, Float, Short, Byte, Boolean
     * or Character; up to {@value Tuple#MAX_ARITY} columns.
     */
    @SuppressWarnings("unchecked")
    public <T extends Tuple> DataSet<T> types(Class<?>... columnTypes) {
        if (columnTypes.length < 1 || columnTypes.length > Tuple.MAX_ARITY) {
            throw new IllegalArgumentException("readCsvFile(" + path + ").types(...) takes 1 to " + Tuple.MAX_ARITY
                    + " column types, got " + columnTypes.length);
        }
        TypeInfo<?>[] fieldTypes = new TypeInfo<?>[columnTypes.length];
        for (int i = 0; i < columnTypes.length; i++) {
            if (!CsvFileSource.FieldParser.supports(columnTypes[i])) {
                throw new IllegalArgumentException("Column " + i + " of readCsvFile(" + path + ") has type "
                        + columnTypes[i].getName() + ", which CSV cannot parse: use String, Integer, Long, Double, Float, "
                        + "Short, Byte, Boolean or Character and convert in a map");
            }
            fieldTypes[i] = Types.of(columnTypes[i]);
        }
        TypeInfo<T> type = Types.TUPLE(fieldTypes);
        CsvFileSource<T> source = new CsvFileSource<>(path, columnTypes.clone(), delimiter, quote, skipFirstLine,
                ignoreInvalid, type);
        return new DataSet<>(environment, environment.streams().fromSource(source, "CSV file " + path, type));
    }
}
