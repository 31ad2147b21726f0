package io.eddy.state.hdfs;

import io.eddy.api.tuple.Tuple;
import io.eddy.api.types.InvalidTypesException;
import io.eddy.api.types.PojoTypeInfo;
import io.eddy.api.types.TypeExtractor;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Writes each record as one line of delimiter-separated values as RFC 4180 describes: a field that
 * contains the delimiter, a double quote, CR or LF is enclosed in double quotes, and the quotes in it
 * are doubled. Lines end with LF; text is UTF-8.
 *
 * <p>The columns of a record depend on its class:
 * <ul>
 *   <li>{@code Tuple1} .. {@code Tuple5}: {@code f0, f1, ...};</li>
 *   <li>Java records: the components, in declaration order;</li>
 *   <li>POJOs (as Eddy's type system recognizes them): the fields sorted by name, the order of Eddy's
 *       POJO serializer (use a record to choose the order);</li>
 *   <li>anything else (strings, numbers, ...): one column.</li>
 * </ul>
 * A field is written as {@code String.valueOf} would write it, a null field as an empty one (so an
 * empty string and null read back alike); primitive fields are written without boxing.
 *
 * <p>With {@link Builderthere too, since container-runtime's tests cannot depend on test-utils.withHeader(String...)} (or {@link Builderthere too, since container-runtime's tests cannot depend on test-utils.withHeader()}, which takes the column
 * names above, and {@code value} for the single column of other values) every part file starts with a
 * header line.
 *
 * <pre>{@code
 * ExactlyOnceFileSink.<Trade>forRowFormat(dir, CsvEncoder.builder().withDelimiter(';').withHeader().build())
 *         .withPartSuffix(".csv").build()
 * }</pre>
 */
public final class CsvEncoder<T> implements Encoder<T> {
    private static final long serialVersionUID = 1L;

    private final char delimiter;
    /** The header names, empty to derive them from the type, or null for no header. */
    private final String[] header;

    /** The layout of the last record's class and a buffer for one field; per subtask, task thread only. */
    private transient Class<?> layoutOf;
    private transient Column[] columns;
    private transient String[] columnNames;
    private transient StringBuilder field;

    private CsvEncoder(char delimiter, String[] header) {
        this.delimiter = delimiter;
        this.header = header;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void encode(T element, OutputStream out) throws IOException {
        Column[] cols = layout(element);
        try {
            for (int i = 0; i < cols.length; i++) {
                if (i > 0) {
                    out.write(delimiter);
                }
                field.setLength(0);
                cols[i].append(element, field);
                writeField(field, out);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read a field of " + element.getClass().getName() + " for CSV", e);
        }
        out.write('\n');
    }

    @Override
    public void writeHeader(T first, OutputStream out) throws IOException {
        if (header == null) {
            return;
        }
        layout(first);
        String[] names = header.length > 0 ? header : columnNames;
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                out.write(delimiter);
            }
            writeField(names[i], out);
        }
        out.write('\n');
    }

    private void writeField(CharSequence text, OutputStream out) throws IOException {
        int length = text.length();
        int i = 0;
        while (i < length && !needsQuotes(text.charAt(i))) {
            i++;
        }
        if (i == length) {
            Utf8.write(text, out);
            return;
        }
        out.write('"');
        int from = 0;
        for (i = 0; i < length; i++) {
            if (text.charAt(i) == '"') {
                Utf8.write(text, from, i + 1, out);
                out.write('"');
                from = i + 1;
            }
        }
        Utf8.write(text, from, length, out);
        out.write('"');
    }

    private boolean needsQuotes(char c) {
        return c == delimiter || c == '"' || c == '\n' || c == '\r';
    }

    private Column[] layout(T element) {
        Class<?> type = element.getClass();
        if (type != layoutOf) {
            resolve(element);
            if (header != null && header.length > 0 && header.length != columns.length) {
                throw new IllegalArgumentException("The CSV header " + Arrays.toString(header) + " has "
                        + header.length + " names, but " + type.getName() + " has " + columns.length + " columns "
                        + Arrays.toString(columnNames) + ": name every column, or use withHeader() to take these names.");
            }
        }
        return columns;
    }

    private void resolve(Object element) {
        Class<?> type = element.getClass();
        List<String> names = new ArrayList<>();
        List<Column> cols = new ArrayList<>();
        if (Tuple.class.isAssignableFrom(type)) {
            for (int i = 0; i < ((Tuple) element).getArity(); i++) {
                int pos = i;
                names.add("f" + i);
                cols.add((e, to) -> appendValue(((Tuple) e).getField(pos), to));
            }
        } else if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                names.add(c.getName());
                cols.add(fieldColumn(declaredField(type, c.getName())));
            }
        } else if (isPojo(type)) {
            for (Field f : pojoFields(type)) {
                names.add(f.getName());
                cols.add(fieldColumn(f));
            }
        } else {
            names.add("value");
            cols.add(CsvEncoder::appendValue);
        }
        columns = cols.toArray(new Column[0]);
        columnNames = names.toArray(new String[0]);
        layoutOf = type;
        if (field == null) {
            field = new StringBuilder(64);
        }
    }

    private static boolean isPojo(Class<?> type) {
        try {
            return TypeExtractor.forClass(type) instanceof PojoTypeInfo;
        } catch (InvalidTypesException e) {
            return false;
        }
    }

    /** Non-static, non-transient fields of the class and its superclasses, sorted by name (then class). */
    private static List<Field> pojoFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if ((f.getModifiers() & (Modifier.STATIC | Modifier.TRANSIENT)) == 0) {
                    f.setAccessible(true);
                    fields.add(f);
                }
            }
        }
        fields.sort(Comparator.comparing(Field::getName).thenComparing(f -> f.getDeclaringClass().getName()));
        return fields;
    }

    private static Field declaredField(Class<?> type, String name) {
        try {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Record " + type.getName() + " has no field for its component " + name, e);
        }
    }

    /** Reads primitive fields with their typed getters, so that they are not boxed. */
    private static Column fieldColumn(Field f) {
        Class<?> t = f.getType();
        if (t == int.class) {
            return (e, to) -> to.append(f.getInt(e));
        } else if (t == long.class) {
            return (e, to) -> to.append(f.getLong(e));
        } else if (t == double.class) {
            return (e, to) -> to.append(f.getDouble(e));
        } else if (t == float.class) {
            return (e, to) -> to.append(f.getFloat(e));
        } else if (t == boolean.class) {
            return (e, to) -> to.append(f.getBoolean(e));
        } else if (t == char.class) {
            return (e, to) -> to.append(f.getChar(e));
        } else if (t == short.class || t == byte.class) {
            return (e, to) -> to.append(f.getInt(e));
        }
        return (e, to) -> appendValue(f.get(e), to);
    }

    /** Appends common boxed values through their primitive overloads, which allocate no string. */
    private static void appendValue(Object value, StringBuilder to) {
        if (value == null) {
            return;
        }
        if (value instanceof CharSequence s) {
            to.append(s);
        } else if (value instanceof Integer i) {
            to.append(i.intValue());
        } else if (value instanceof Long l) {
            to.append(l.longValue());
        } else if (value instanceof Double d) {
            to.append(d.doubleValue());
        } else {
            to.append(value);
        }
    }

    /** Appends one column of a record. */
    @FunctionalInterface
    private interface Column {
        void append(Object element, StringBuilder to) throws IllegalAccessException;
    }

    /** Configures a {@link CsvEncoder}; by default comma-separated, without header. */
    public static final class Builder {
        private char delimiter = ',';
        private String[] header;

        private Builder() {}

        /** Any ASCII character but a double quote, CR or LF, e.g. {@code ';'} or {@code '\t'}. */
        public Builder withDelimiter(char delimiter) {
            if (delimiter >= 0x80 || delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
                throw new IllegalArgumentException("'" + delimiter + "' cannot separate CSV fields: use an ASCII "
                        + "character other than a double quote, CR or LF, e.g. ',', ';' or '\\t'");
            }
            this.delimiter = delimiter;
            return this;
        }

        /** Starts every part file with a header line of these names, one per column. */
        public Builder withHeader(String... names) {
            if (names.length == 0) {
                throw new IllegalArgumentException("withHeader needs one name per column; withHeader() without "
                        + "arguments takes the names from the records' type");
            }
            for (String name : names) {
                if (name == null) {
                    throw new IllegalArgumentException("A CSV header name is null: " + Arrays.toString(names));
                }
            }
            this.header = names.clone();
            return this;
        }

        /** Starts every part file with a header line of the column names of the records' type. */
        public Builder withHeader() {
            this.header = new String[0];
            return this;
        }

        public <T> CsvEncoder<T> build() {
            return new CsvEncoder<>(delimiter, header);
        }
    }
}
