package io.eddy.api.dataset;

import io.eddy.api.connector.source.TextFileSource;
import io.eddy.api.tuple.Tuple;
import io.eddy.api.types.FieldAccessor;
import io.eddy.api.types.PojoTypeInfo;
import io.eddy.api.types.TypeExtractor;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.api.types.serializers.TypeSerializer;

import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of a CSV input, started with {@code env.readCsvFile(path)} and ended with
 * {@link #types(Class[])}, which gives a DataSet of tuples with one field per column, or with
 * {@link #pojoType(Class, String...)}, which puts each column into a field of a POJO. Fields are
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
            checkParsable(columnTypes[i], "Column " + i);
            fieldTypes[i] = Types.of(columnTypes[i]);
        }
        TypeInfo<T> type = Types.TUPLE(fieldTypes);
        return source(columnTypes.clone(), type, new TupleRows<>(columnTypes.length));
    }

    /**
     * Rows as POJOs of {@code pojoClass}: column i goes into the field named {@code fields[i]} (one name
     * per column), which must have one of the types {@link #types} accepts.
     */
    public <P> DataSet<P> pojoType(Class<P> pojoClass, String... fields) {
        TypeInfo<P> type = TypeExtractor.forClass(pojoClass);
        if (!(type instanceof PojoTypeInfo<P>)) {
            throw new IllegalArgumentException("readCsvFile(" + path + ").pojoType(" + pojoClass.getName() + ", ...) needs "
                    + "a POJO (a public class with a public no-argument constructor and public or getter/setter fields), "
                    + "but " + pojoClass.getName() + " is " + type + ": make it a POJO, or read tuples with types(...)");
        }
        if (fields.length == 0) {
            throw new IllegalArgumentException("readCsvFile(" + path + ").pojoType(" + pojoClass.getSimpleName()
                    + ") needs the field of each column, e.g. pojoType(" + pojoClass.getSimpleName() + ".class, \"name\", \"age\")");
        }
        Class<?>[] columnTypes = new Class<?>[fields.length];
        List<FieldAccessor<P, Object>> accessors = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) {
            FieldAccessor<P, Object> accessor;
            try {
                accessor = type.getFieldAccessor(fields[i]);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Column " + i + " of readCsvFile(" + path + ") goes into field '"
                        + fields[i] + "', which " + pojoClass.getName() + " does not have: " + e.getMessage(), e);
            }
            columnTypes[i] = boxed(accessor.getFieldType().getTypeClass());
            checkParsable(columnTypes[i], "Field '" + fields[i] + "' (column " + i + ")");
            accessors.add(accessor);
        }
        return source(columnTypes, type, new PojoRows<>(type.createSerializer(
                environment.streams().getConfig().getSerializerConfig()), accessors));
    }

    private void checkParsable(Class<?> columnType, String what) {
        if (!CsvLineParser.FieldParser.supports(columnType)) {
            throw new IllegalArgumentException(what + " of readCsvFile(" + path + ") has type " + columnType.getName()
                    + ", which CSV cannot parse: use String, Integer, Long, Double, Float, Short, Byte, Boolean or "
                    + "Character and convert in a map");
        }
    }

    private <T> DataSet<T> source(Class<?>[] columnTypes, TypeInfo<T> type, CsvLineParser.Rows<T> rows) {
        TextFileSource<T> source = TextFileSource.parsed(path, new CsvLineParser<>(columnTypes, delimiter, quote, ignoreInvalid, rows),
                type, skipFirstLine, "readCsvFile");
        return new DataSet<>(environment, environment.streams().fromSource(source, "CSV file " + path, type));
    }

    private static Class<?> boxed(Class<?> type) {
        return type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
    }

    private record TupleRows<T extends Tuple>(int arity) implements CsvLineParser.Rows<T> {
        @Override
        @SuppressWarnings("unchecked")
        public T create() {
            return (T) Tuple.newInstance(arity);
        }

        @Override
        public T set(T row, int column, Object value) {
            row.setField(value, column);
            return row;
        }
    }

    private record PojoRows<P>(TypeSerializer<P> serializer, List<FieldAccessor<P, Object>> fields)
            implements CsvLineParser.Rows<P> {
        @Override
        public P create() {
            return serializer.createInstance();
        }

        @Override
        public P set(P row, int column, Object value) {
            return fields.get(column).set(row, value);
        }
    }
}
