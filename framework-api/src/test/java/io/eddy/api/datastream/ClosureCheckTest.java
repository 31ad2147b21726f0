package io.eddy.api.datastream;

import io.eddy.api.execution.InvalidProgramException;
import io.eddy.api.functions.MapFunction;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** This test class is not serializable, so its anonymous classes capture a non-serializable outer instance. */
class ClosureCheckTest {
    private final int offset = Integer.parseInt("7");

    /** A value that cannot be serialized. */
    static final class Connection {}

    @Test
    void anonymousClassThatIgnoresItsOuterInstanceShips() throws Exception {
        MapFunction<Long, Long> f = new MapFunction<>() {
            @Override
            public Long map(Long value) {
                return value + 1;
            }
        };
        assertDoesNotThrow(() -> ClosureCheck.ensureSerializable(f, "map"));
        assertNull(f.getClass().getDeclaredField("this$0").get(f), "the unused outer reference was dropped");
        assertTrue(f.map(1L) == 2L);
    }

    @Test
    void anonymousClassThatReadsItsOuterInstanceIsReportedWithTheField() {
        MapFunction<Long, Long> f = new MapFunction<>() {
            @Override
            public Long map(Long value) {
                return value + offset;
            }
        };
        InvalidProgramException e = assertThrows(InvalidProgramException.class,
                () -> ClosureCheck.ensureSerializable(f, "map"));
        assertTrue(e.getMessage().contains("field 'this$0' of type io.eddy.api.datastream.ClosureCheckTest"),
                e.getMessage());
    }

    @Test
    void lambdaCapturingAnUnserializableValueNamesTheCapture() {
        Connection connection = new Connection();
        MapFunction<Long, Long> f = value -> value + connection.hashCode();
        InvalidProgramException e = assertThrows(InvalidProgramException.class,
                () -> ClosureCheck.ensureSerializable(f, "map 'Enrich'"));
        assertTrue(e.getMessage().startsWith("The function of map 'Enrich'"), e.getMessage());
        assertTrue(e.getMessage().contains("captured variable 1 of type " + Connection.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("create the value in open()"), e.getMessage());
    }

    /** A serializable function with a non-serializable field. */
    static final class Holder implements MapFunction<Long, Long> {
        final Object resource = new Connection();

        @Override
        public Long map(Long value) {
            return value;
        }
    }

    @Test
    void nonSerializableFieldIsNamed() {
        InvalidProgramException e = assertThrows(InvalidProgramException.class,
                () -> ClosureCheck.ensureSerializable(new Holder(), "map"));
        assertTrue(e.getMessage().contains("field 'resource' of type " + Connection.class.getName()), e.getMessage());
    }
}
