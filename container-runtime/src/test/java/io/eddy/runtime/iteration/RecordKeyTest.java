package io.eddy.runtime.iteration;

import io.eddy.api.transformations.KeyFields;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.api.types.comparators.Comparators;
import io.eddy.api.types.serializers.SerializerConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A record looks up a managed solution set by the hash of its key values: it must equal the hash the
 * solution set's key comparator gives the stored record, whatever the two records' types are.
 */
class RecordKeyTest {
    @Test
    void theHashOfAKeyIsTheComparatorsHashOfARecordWithThatKey() {
        TypeInfo<Tuple3<Long, String, Double>> stored = Types.TUPLE(Types.LONG, Types.STRING, Types.DOUBLE);
        TypeInfo<Tuple2<String, Long>> probe = Types.TUPLE(Types.STRING, Types.LONG);
        var comparator = Comparators.fields(stored, new SerializerConfig(), new int[] {0, 1}, new boolean[] {true, true});
        RecordKey<Tuple2<String, Long>> probeKey = new RecordKey<>(probe, KeyFields.of(1, 0));
        RecordKey<Tuple3<Long, String, Double>> storedKey = new RecordKey<>(stored, KeyFields.of(0, 1));

        Tuple3<Long, String, Double> record = Tuple3.of(42L, "answer", 1.5);
        Object key = probeKey.of(Tuple2.of("answer", 42L));
        assertEquals(comparator.hash(record), RecordKey.hash(key));
        assertEquals(storedKey.of(record), key);
        assertNotEquals(storedKey.of(Tuple3.of(42L, "other", 1.5)), key);

        var oneField = Comparators.fields(stored, new SerializerConfig(), new int[] {1}, new boolean[] {true});
        assertEquals(oneField.hash(record), RecordKey.hash(new RecordKey<>(probe, KeyFields.of(0)).of(Tuple2.of("answer", 7L))));
    }
}
