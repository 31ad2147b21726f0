package io.eddy.api.memory;

import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one view pair in its three uses: growable, bounded and paged, with values crossing every boundary. */
class SegmentViewsTest {

    /** Writes one value of each kind; the same sequence is read back by {@link #readValues}. */
    private static void writeValues(DataOutputView out) throws IOException {
        out.writeByte(7);
        out.writeShort(-2);
        out.writeInt(0x01020304);
        out.writeLong(-5_000_000_000L);
        out.writeDouble(2.5);
        out.writeUTF("grüße €");
        out.write(new byte[] {9, 8, 7, 6, 5});
    }

    private static void readValues(DataInputView in) throws IOException {
        assertEquals(7, in.readByte());
        assertEquals(-2, in.readShort());
        assertEquals(0x01020304, in.readInt());
        assertEquals(-5_000_000_000L, in.readLong());
        assertEquals(2.5, in.readDouble());
        assertEquals("grüße €", in.readUTF());
        byte[] tail = new byte[5];
        in.readFully(tail);
        assertArrayEquals(new byte[] {9, 8, 7, 6, 5}, tail);
    }

    @Test
    void aGrowableViewKeepsItsBytesContiguousAndReusesItsMemoryAfterClear() throws IOException {
        SegmentOutputView out = new SegmentOutputView(3);
        writeValues(out);
        int length = out.length();
        assertEquals(1 + 2 + 4 + 8 + 8 + 2 + 11 + 5, length); // ü and ß take 2 bytes, € 3
        readValues(new SegmentInputView(out.toByteArray()));

        byte[] memory = out.getSharedBuffer();
        out.clear();
        writeValues(out);
        assertSame(memory, out.getSharedBuffer(), "no growth the second time");
        SegmentInputView in = new SegmentInputView();
        in.setBuffer(out.getCurrentPage(), 0, out.length());
        readValues(in);
        assertEquals(0, in.available());
        assertThrows(EOFException.class, in::readInt, "past the end without a next page");
    }

    @Test
    void aBoundedViewThrowsTheSharedFullExceptionAtItsLimit() throws IOException {
        MemorySegment segment = MemorySegment.allocate(16);
        SegmentOutputView out = new SegmentOutputView(segment, 16);
        out.reset(segment, 4, 14);
        out.writeLong(1L);
        IOException full = assertThrows(IOException.class, () -> out.writeInt(2));
        assertSame(SegmentOutputView.FULL, full);
        assertEquals(0, full.getStackTrace().length, "stackless, so throwing it is cheap");
        assertEquals(1L, segment.getLong(4));
    }

    /** Pages of 5 bytes, so every multi-byte value of {@link #writeValues} crosses a page at some offset. */
    @Test
    void pagedViewsCarryValuesAcrossPageBoundaries() throws IOException {
        List<MemorySegment> pages = new ArrayList<>();
        pages.add(MemorySegment.allocate(5));
        SegmentOutputView out = new SegmentOutputView(pages.get(0), 5) {
            @Override
            protected MemorySegment nextPage(MemorySegment current, int bytes) {
                MemorySegment next = MemorySegment.allocate(5);
                pages.add(next);
                return next;
            }
        };
        writeValues(out);
        int lastLimit = out.getPositionInPage();
        assertEquals(9, pages.size());

        SegmentInputView in = pagesInput(pages, 5, lastLimit);
        readValues(in);
        assertEquals(-1, in.read(new byte[1], 0, 1), "the end of the pages reads as the end of the input");
    }

    /**
     * Arrays of doubles in bulk: pages of 20 bytes after a leading byte put two or three whole doubles
     * in each page and one across each boundary; the bytes are those of one writeDouble per element.
     */
    @Test
    void doublesInBulkMatchOneCallPerElementAcrossPageBoundaries() throws IOException {
        double[] values = new double[10];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * -1.25 + 0.1;
        }
        List<MemorySegment> pages = new ArrayList<>();
        pages.add(MemorySegment.allocate(20));
        SegmentOutputView out = new SegmentOutputView(pages.get(0), 20) {
            @Override
            protected MemorySegment nextPage(MemorySegment current, int bytes) {
                MemorySegment next = MemorySegment.allocate(20);
                pages.add(next);
                return next;
            }
        };
        out.writeByte(3);
        out.writeDoubles(values);
        out.writeDoubles(new double[0]);
        assertEquals(5, pages.size());
        int lastLimit = out.getPositionInPage();
        assertEquals(81 - 4 * 20, lastLimit);

        SegmentOutputView oneByOne = new SegmentOutputView(3);
        oneByOne.writeByte(3);
        for (double v : values) {
            oneByOne.writeDouble(v);
        }
        byte[] written = new byte[81];
        for (int p = 0; p < pages.size(); p++) {
            System.arraycopy(pages.get(p).array(), 0, written, 20 * p, Math.min(20, 81 - 20 * p));
        }
        assertArrayEquals(oneByOne.toByteArray(), written);

        SegmentInputView in = pagesInput(pages, 20, lastLimit);
        assertEquals(3, in.readByte());
        double[] read = new double[10];
        in.readDoubles(read);
        assertArrayEquals(values, read);
        assertThrows(EOFException.class, () -> in.readDoubles(new double[1]), "no double left");

        SegmentInputView plain = new SegmentInputView(oneByOne.toByteArray());
        plain.readByte();
        double[] fromArray = new double[10];
        plain.readDoubles(fromArray);
        assertArrayEquals(values, fromArray);
        assertEquals(0, plain.available());
    }

    @Test
    void stringsTakeTheInPageAsciiPathOnlyWhenWholeAndAsciiAndRoundTripEitherWay() throws IOException {
        var strings = io.eddy.api.types.serializers.StringSerializer.INSTANCE;
        List<String> values = List.of("", "a", "zz", "word", "grüße €", "spans the page end", "\u007f\u0080");
        List<MemorySegment> pages = new ArrayList<>();
        pages.add(MemorySegment.allocate(16));
        SegmentOutputView out = new SegmentOutputView(pages.get(0), 16) {
            @Override
            protected MemorySegment nextPage(MemorySegment current, int bytes) {
                MemorySegment next = MemorySegment.allocate(16);
                pages.add(next);
                return next;
            }
        };
        for (String value : values) {
            strings.serialize(value, out);
        }
        int lastLimit = out.getPositionInPage();
        // 46 bytes: a length byte each, one byte per ASCII char, two for ü, ß and \u0080, three for €;
        // "spans the page end" starts at byte 7 of the second page and ends in the third
        assertEquals(3, pages.size());

        SegmentInputView in = pagesInput(pages, 16, lastLimit);
        for (String value : values) {
            assertEquals(value, strings.deserialize(in));
        }
        assertEquals(0, in.available());

        SegmentInputView view = new SegmentInputView(new byte[] {'a', 'b', (byte) 0x81, 'c'});
        assertEquals(null, view.readAsciiInPage(3), "a byte above 0x7f is not ASCII");
        assertEquals(0, view.getPosition());
        assertEquals(null, view.readAsciiInPage(5), "more bytes than the array holds");
        assertEquals("ab", view.readAsciiInPage(2));
        assertEquals(2, view.getPosition());
    }

    @Test
    void shortAsciiStringsAreWrittenWholeWithTheirLengthByteOrNotAtAll() throws IOException {
        var strings = io.eddy.api.types.serializers.StringSerializer.INSTANCE;
        SegmentOutputView out = new SegmentOutputView(MemorySegment.allocate(16), 16) {
            @Override
            protected MemorySegment nextPage(MemorySegment current, int bytes) throws EOFException {
                throw new EOFException("one page only");
            }
        };
        assertTrue(out.writeShortAscii("word"));
        assertTrue(out.writeShortAscii(""));
        assertEquals(List.of(4, 119, 111, 114, 100, 0), bytes(out.getCurrentPage(), out.getPositionInPage()));
        assertFalse(out.writeShortAscii("w\u00f6rt"), "not ASCII");
        assertFalse(out.writeShortAscii("ten chars!"), "needs 11 bytes, 10 are left");
        assertTrue(out.writeShortAscii("nine char"));
        assertEquals(16, out.getPositionInPage());

        // 127 chars still have a one-byte length; 128 take the serializer's two-byte varint
        SegmentOutputView growable = new SegmentOutputView(8);
        assertTrue(growable.writeShortAscii("x".repeat(127)));
        assertFalse(growable.writeShortAscii("x".repeat(128)));
        assertEquals(128, growable.length());
        strings.serialize("y".repeat(128), growable);
        assertEquals(List.of(0x80, 0x01, (int) 'y'), bytes(growable.getCurrentPage(), 131).subList(128, 131));
        SegmentInputView in = new SegmentInputView(java.util.Arrays.copyOf(growable.getSharedBuffer(), growable.length()));
        assertEquals("x".repeat(127), strings.deserialize(in));
        assertEquals("y".repeat(128), strings.deserialize(in));
    }

    private static List<Integer> bytes(MemorySegment segment, int length) {
        List<Integer> bytes = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            bytes.add(segment.get(i) & 0xff);
        }
        return bytes;
    }

    /**
     * Reads {@code pages} in order: the first from 0 to {@code firstLimit}, the last to
     * {@code lastLimit}, the others whole; after the last page, the end of the input.
     */
    private static SegmentInputView pagesInput(List<MemorySegment> pages, int firstLimit, int lastLimit) {
        return new SegmentInputView(pages.get(0), 0, firstLimit) {
            private int page;

            @Override
            protected MemorySegment nextPage(MemorySegment current) throws EOFException {
                if (++page == pages.size()) {
                    throw new EOFException("no page after the last");
                }
                return pages.get(page);
            }

            @Override
            protected int limitOf(MemorySegment segment) {
                return page == pages.size() - 1 ? lastLimit : segment.size();
            }
        };
    }
}
