package io.eddy.api.functions;

import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.TypeHint;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.serializers.SerializerConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class FieldAggregatorTest {
    private static final TypeInfo<Tuple3<String, List<String>, Long>> TYPE =
            new TypeHint<Tuple3<String, List<String>, Long>>() {}.getTypeInfo();

    private static FieldAggregator<Tuple3<String, List<String>, Long>> aggregator(FieldAggregator.Kind kind) {
        return FieldAggregator.at(kind, TYPE, 2, TYPE.createSerializer(new SerializerConfig()));
    }

    private static Tuple3<String, List<String>, Long> element(String key, String tag, long value) {
        return Tuple3.of(key, new ArrayList<>(List.of(tag)), value);
    }

    @Test
    void sumKeepsTheFirstElementsOtherFieldsAndChangesNeitherArgument() throws Exception {
        Tuple3<String, List<String>, Long> first = element("k", "first", 5L);
        Tuple3<String, List<String>, Long> second = element("k2", "second", 7L);

        Tuple3<String, List<String>, Long> sum = aggregator(FieldAggregator.Kind.SUM).reduce(first, second);

        assertEquals(element("k", "first", 12L), sum);
        assertEquals(element("k", "first", 5L), first);
        assertEquals(element("k2", "second", 7L), second);
        assertNotSame(first.f1, sum.f1, "the other fields are deep copies");
    }

    @Test
    void consumingInputBuildsTheResultInTheSecondArgumentAndLeavesTheFirstAlone() throws Exception {
        FieldAggregator<Tuple3<String, List<String>, Long>> sum =
                aggregator(FieldAggregator.Kind.SUM).consumingInput();
        Tuple3<String, List<String>, Long> first = element("k", "first", 5L);
        Tuple3<String, List<String>, Long> second = element("k2", "second", 7L);

        Tuple3<String, List<String>, Long> result = sum.reduce(first, second);

        assertSame(second, result);
        assertEquals(element("k", "first", 12L), result);
        assertEquals(element("k", "first", 5L), first);
        assertNotSame(first.f1, result.f1, "the other fields are deep copies");
        // a running sum over the results, as a keyed stream keeps it
        assertEquals(element("k", "first", 15L), sum.reduce(result, element("k3", "third", 3L)));
    }

    @Test
    void consumingMinAndMaxReplaceTheFieldOnlyWhenTheNewValueWins() throws Exception {
        FieldAggregator<Tuple3<String, List<String>, Long>> min =
                aggregator(FieldAggregator.Kind.MIN).consumingInput();
        FieldAggregator<Tuple3<String, List<String>, Long>> max =
                aggregator(FieldAggregator.Kind.MAX).consumingInput();
        Tuple3<String, List<String>, Long> current = element("k", "first", 5L);

        assertSame(current, min.reduce(current, element("k", "x", 9L)));
        assertEquals(element("k", "first", 2L), min.reduce(current, element("k", "x", 2L)));
        assertSame(current, max.reduce(current, element("k", "x", 1L)));
        assertEquals(element("k", "first", 9L), max.reduce(current, element("k", "x", 9L)));
        assertEquals(element("k", "first", 5L), current);
    }
}
