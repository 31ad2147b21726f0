package io.eddy.runtime.operators.sortedinput;

import io.eddy.api.memory.MemorySegment;
import io.eddy.api.memory.SegmentInputView;
import io.eddy.api.memory.SegmentOutputView;
import io.eddy.api.types.serializers.StringSerializer;
import io.eddy.api.types.serializers.TypeSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three ways a sorter compares keyed records agree: on objects, on serialized bytes, and by
 * normalized key prefixes (which, where they differ, must order as the records do, and for keys of
 * a fixed length decide everything).
 */
class KeyedRecordComparatorTest {
    @SuppressWarnings("unchecked")
    private static final KeyedRecordSerializer SERIALIZER = new KeyedRecordSerializer(
            new TypeSerializer[] {(TypeSerializer<?>) StringSerializer.INSTANCE, (TypeSerializer<?>) StringSerializer.INSTANCE});

    /** Few distinct bytes, some with the sign bit: many equal keys and shared prefixes, compared unsigned. */
    private static final int[] BYTES = {0, 1, 0x80, 0xff};

    private static List<KeyedRecord> records(Random random, int fixedKeyLength) {
        List<KeyedRecord> records = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] key = new byte[fixedKeyLength > 0 ? fixedKeyLength : random.nextInt(12)];
            for (int b = 0; b < key.length; b++) {
                key[b] = (byte) BYTES[random.nextInt(BYTES.length)];
            }
            KeyedRecord r = new KeyedRecord();
            r.copyKey(key, key.length);
            r.timestamp = random.nextInt(5) - 2L + (random.nextBoolean() ? Long.MIN_VALUE + 2 : 0); // around 0 and MIN
            r.input = random.nextInt(2);
            r.value = "v" + i;
            records.add(r);
        }
        return records;
    }

    private static byte[] normalized(KeyedRecordComparator comparator, KeyedRecord record, int bytes) {
        MemorySegment segment = MemorySegment.allocate(bytes);
        comparator.putNormalizedKey(record, segment, 0, bytes);
        return segment.array();
    }

    private static SegmentInputView serialized(KeyedRecord record) throws IOException {
        SegmentOutputView out = new SegmentOutputView();
        SERIALIZER.serialize(record, out);
        return new SegmentInputView(out.toByteArray());
    }

    private static void check(int fixedKeyLength, boolean byTimestamp, int keyBytes) throws IOException {
        KeyedRecordComparator comparator = new KeyedRecordComparator(fixedKeyLength, byTimestamp);
        List<KeyedRecord> records = records(new Random(fixedKeyLength * 31L + keyBytes), fixedKeyLength);
        boolean decides = comparator.isNormalizedKeyFullyDetermining(keyBytes);
        for (KeyedRecord a : records) {
            byte[] na = normalized(comparator, a, keyBytes);
            for (KeyedRecord b : records) {
                int expected = Integer.signum(comparator.compare(a, b));
                assertEquals(expected, Integer.signum(comparator.compareSerialized(serialized(a), serialized(b))));
                int byPrefix = Integer.signum(Arrays.compareUnsigned(na, normalized(comparator, b, keyBytes)));
                if (byPrefix != 0 || decides) {
                    assertEquals(expected, byPrefix, "prefixes order " + Arrays.toString(na) + " wrongly");
                }
            }
        }
    }

    @Test
    void variableLengthKeysWithTimestamps() throws IOException {
        check(-1, true, 8);
        check(-1, true, 32);
    }

    @Test
    void fixedLengthKeysAreDecidedByTheirPrefix() throws IOException {
        assertTrue(new KeyedRecordComparator(8, true).isNormalizedKeyFullyDetermining(17));
        check(8, true, 24);
        check(8, false, 8);
        check(4, true, 16);
    }

    @Test
    void aRecordRoundTripsThroughItsSerializer() throws IOException {
        KeyedRecord record = records(new Random(3), -1).get(7);
        KeyedRecord read = SERIALIZER.deserialize(new KeyedRecord(), serialized(record));
        assertTrue(read.hasKey(record.key, record.keyLength));
        assertEquals(record.timestamp, read.timestamp);
        assertEquals(record.input, read.input);
        assertEquals(record.value, read.value);
    }
}
