package io.eddy.api.dataset;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** CSV lines into rows: every column type parsed where it stands in the line, quoting, and each malformed line's message. */
class CsvLineParserTest {
    private static final Class<?>[] ALL_TYPES = {String.class, Integer.class, Long.class, Double.class, Float.class,
            Short.class, Byte.class, Boolean.class, Character.class};

    private static CsvLineParser<Object[]> parser(Class<?>[] types, Character quote, boolean ignoreInvalid) {
        return new CsvLineParser<>(types, ',', quote, ignoreInvalid, new ArrayRows(types.length));
    }

    @Test
    void parsesEveryColumnTypeWithBlanksAroundValues() {
        Object[] row = parser(ALL_TYPES, null, false).parse(" a b ,  -42 ,9223372036854775807,\t2.5e-3 ,1.25, -32768,127, TRUE ,x");
        assertArrayEquals(new Object[] {" a b ", -42, Long.MAX_VALUE, 2.5e-3, 1.25f, (short) -32768, (byte) 127, true, 'x'}, row);
    }

    @Test
    void quotedFieldsMayHoldTheDelimiterAndDoubledQuotes() {
        Object[] row = parser(new Class<?>[] {String.class, Long.class, String.class}, '"', false)
                .parse("\"say \"\"hi\"\", then go\",\"17\",\"\"");
        assertArrayEquals(new Object[] {"say \"hi\", then go", 17L, ""}, row);
    }

    @Test
    void emptyLinesAreSkipped() {
        assertNull(parser(ALL_TYPES, null, false).parse(""));
    }

    @Test
    void eachMalformedLineSaysWhatIsWrong() {
        Class<?>[] two = {Long.class, Short.class};
        assertEquals("more than the 2 declared columns. Fix the line, or skip such lines with ignoreInvalidLines()",
                malformed(parser(two, null, false), "1,2,3"));
        assertEquals("1 fields where 2 columns are declared. Fix the line, or skip such lines with ignoreInvalidLines()",
                malformed(parser(two, null, false), "1"));
        assertEquals("field 0 ' 1x' is not a Long. Fix the line, or skip such lines with ignoreInvalidLines()",
                malformed(parser(two, null, false), " 1x,2"));
        assertEquals("field 1 '40000' is not a Short. Fix the line, or skip such lines with ignoreInvalidLines()",
                malformed(parser(two, null, false), "1,40000"));
        assertEquals("field 1 '' is not a Short. Fix the line, or skip such lines with ignoreInvalidLines()",
                malformed(parser(two, null, false), "1,"));
        assertEquals("a quoted field is not closed. Fix the line, or skip such lines with ignoreInvalidLines()",
                malformed(parser(two, '"', false), "1,\"2"));
        assertEquals("text after the closing quote of field 0. Fix the line, or skip such lines with ignoreInvalidLines()",
                malformed(parser(two, '"', false), "\"1\"x,2"));
        assertEquals("field 0 'yes' is not true or false. Fix the line, or skip such lines with ignoreInvalidLines()",
                malformed(parser(new Class<?>[] {Boolean.class}, null, false), "yes"));
        assertEquals("field 0 'ab' is not one character. Fix the line, or skip such lines with ignoreInvalidLines()",
                malformed(parser(new Class<?>[] {Character.class}, null, false), "ab"));
    }

    @Test
    void malformedLinesAreSkippedWhenAsked() {
        CsvLineParser<Object[]> lenient = parser(new Class<?>[] {Long.class, Integer.class}, null, true);
        assertNull(lenient.parse("1,x"));
        assertNull(lenient.parse("1,2,3"));
        assertArrayEquals(new Object[] {1L, 2}, lenient.parse("1,2"));
    }

    private static String malformed(CsvLineParser<Object[]> parser, String line) {
        return assertThrows(IllegalArgumentException.class, () -> parser.parse(line)).getMessage();
    }

    private record ArrayRows(int columns) implements CsvLineParser.Rows<Object[]> {
        @Override
        public Object[] create() {
            return new Object[columns];
        }

        @Override
        public Object[] set(Object[] row, int column, Object value) {
            row[column] = value;
            return row;
        }
    }
}
