package io.eddy.state.hdfs;

import io.eddy.api.tuple.Tuple1;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.tuple.Tuple5;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV as RFC 4180 describes it: tricky values read back unchanged, for every kind of record. */
class CsvEncoderTest {
    private static final List<String> TRICKY = List.of("plain", "with,comma", "with;semicolon", "say \"hi\"",
            "\"", "\"\"", "two\nlines", "cr\r\nlf", "\r", " padded ", "ünïcödé ✓ 😀", "tab\there", "");

    /** Encodes the elements (with a header if the encoder has one) as one part file would hold them. */
    @SafeVarargs
    private static <T> String encode(CsvEncoder<T> encoder, T... elements) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encoder.writeHeader(elements[0], out);
        for (T e : elements) {
            encoder.encode(e, out);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A reader for RFC 4180 with LF or CRLF line ends, written for the test. */
    private static List<List<String>> parse(String text, char delimiter) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && field.isEmpty()) {
                for (i++; ; i++) {
                    if (text.charAt(i) == '"') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        field.append(text.charAt(i));
                    }
                }
                continue;
            }
            i++;
            if (c == delimiter) {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || (c == '\r' && i < text.length() && text.charAt(i) == '\n')) {
                i += c == '\r' ? 1 : 0;
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        assertTrue(row.isEmpty() && field.isEmpty(), "the last line ends with a line feed");
        return rows;
    }

    @Test
    void trickyStringsInTuplesRoundTrip() throws IOException {
        for (char delimiter : new char[] {',', ';', '\t', '|'}) {
            CsvEncoder<Tuple3<String, Integer, String>> encoder = CsvEncoder.builder().withDelimiter(delimiter).build();
            List<Tuple3<String, Integer, String>> tuples = new ArrayList<>();
            List<List<String>> expected = new ArrayList<>();
            for (int i = 0; i < TRICKY.size(); i++) {
                String other = TRICKY.get(TRICKY.size() - 1 - i);
                tuples.add(Tuple3.of(TRICKY.get(i), i, other));
                expected.add(List.of(TRICKY.get(i), String.valueOf(i), other));
            }
            String text = encode(encoder, tuples.toArray(new Tuple3[0]));
            assertEquals(expected, parse(text, delimiter), "delimiter " + (int) delimiter);
        }
    }

    @Test
    void quotesOnlyWhatRfc4180Requires() throws IOException {
        CsvEncoder<Tuple5<String, String, String, String, String>> encoder = CsvEncoder.builder().build();
        assertEquals("a b,\"x,y\",\"say \"\"hi\"\"\",\"1\n2\",;\n", encode(encoder, Tuple5.of("a b", "x,y", "say \"hi\"",
                "1\n2", ";")));
        CsvEncoder<Tuple1<String>> semicolons = CsvEncoder.builder().withDelimiter(';').build();
        assertEquals("x,y\n\"x;y\"\n", encode(semicolons, Tuple1.of("x,y"), Tuple1.of("x;y")));
    }

    /** Components in declaration order; primitives, boxed values and nulls. */
    record Row(int id, String name, long big, double ratio, boolean flag, char letter, Short small, Object nothing) {}

    @Test
    void recordsWriteTheirComponentsInDeclarationOrder() throws IOException {
        CsvEncoder<Row> encoder = CsvEncoder.builder().withHeader().build();
        String text = encode(encoder, new Row(7, "a,b", Long.MAX_VALUE, 0.5, true, '"', (short) -3, null),
                new Row(-1, null, 0, -2.0E-10, false, 'x', null, List.of(1, 2)));
        assertEquals(List.of(
                List.of("id", "name", "big", "ratio", "flag", "letter", "small", "nothing"),
                List.of("7", "a,b", "9223372036854775807", "0.5", "true", "\"", "-3", ""),
                List.of("-1", "", "0", "-2.0E-10", "false", "x", "", "[1, 2]")), parse(text, ','));
    }

    /** A POJO: its columns are its fields sorted by name, including those of its superclass. */
    public static class Base {
        public String zone;
    }

    public static class Reading extends Base {
        public double value;
        private long at;
        public transient String ignored = "not written";

        public Reading() {}

        Reading(String zone, long at, double value) {
            this.zone = zone;
            this.at = at;
            this.value = value;
        }

        public long getAt() {
            return at;
        }

        public void setAt(long at) {
            this.at = at;
        }
    }

    @Test
    void pojosWriteTheirFieldsSortedByName() throws IOException {
        CsvEncoder<Reading> encoder = CsvEncoder.builder().withHeader().build();
        assertEquals("at,value,zone\n12,1.5,\"north, east\"\n",
                encode(encoder, new Reading("north, east", 12, 1.5)));
    }

    @Test
    void plainValuesAreOneColumnAndExplicitHeaderNamesAreQuotedToo() throws IOException {
        CsvEncoder<String> strings = CsvEncoder.builder().withHeader("the, word").build();
        assertEquals("\"the, word\"\nplain\n\"a\"\"b\"\n", encode(strings, "plain", "a\"b"));
        CsvEncoder<Integer> ints = CsvEncoder.builder().withHeader().build();
        assertEquals("value\n1\n-2\n", encode(ints, 1, -2));
    }

    @Test
    void mistakesAreNamedWithTheFix() {
        IllegalArgumentException header = assertThrows(IllegalArgumentException.class,
                () -> encode(CsvEncoder.<Row>builder().withHeader("id", "name").build(), new Row(1, "a", 2, 3, true, 'c',
                        null, null)));
        assertTrue(header.getMessage().contains("has 2 names, but " + Row.class.getName() + " has 8 columns [id, name,"),
                header.getMessage());
        IllegalArgumentException delimiter = assertThrows(IllegalArgumentException.class,
                () -> CsvEncoder.builder().withDelimiter('"'));
        assertTrue(delimiter.getMessage().contains("cannot separate CSV fields"), delimiter.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CsvEncoder.builder().withHeader(new String[0]));
    }
}
