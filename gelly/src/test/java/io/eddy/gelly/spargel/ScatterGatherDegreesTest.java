package io.eddy.gelly.spargel;

import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.types.Types;
import io.eddy.gelly.DegreesWorkload;
import io.eddy.gelly.EdgeDirection;
import io.eddy.gelly.Graph;
import io.eddy.gelly.IterationOptions;
import io.eddy.gelly.Vertex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Degrees in scatter-gather functions whatever the direction ({@code setDegreesAvailable}), on the
 * {@link DegreesWorkload}: the scatter function sends its vertex's value and degrees, the gather function
 * folds its own degrees into the new value; every vertex checked against the plain-Java recomputation.
 */
class ScatterGatherDegreesTest {
    @ParameterizedTest
    @CsvSource({"OUT, 2, false", "IN, 2, true", "ALL, 1, false", "ALL, 2, true"})
    void bothFunctionsSeeTheDegreesOfTheirVertex(EdgeDirection direction, int parallelism, boolean unmanaged) throws Exception {
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
        IterationOptions options = new IterationOptions().setDirection(direction).setDegreesAvailable(true)
                .setSolutionSetUnmanagedMemory(unmanaged);
        Map<Long, Long> actual = new HashMap<>();
        for (Vertex<Long, Long> v : ScatterGatherIteration.run(DegreesWorkload.graph(env), new SendValueAndDegrees(),
                new FoldWithOwnDegrees(), Types.LONG, DegreesWorkload.SUPERSTEPS, options).getVertices().collect()) {
            actual.put(v.id(), v.value());
        }
        assertEquals(DegreesWorkload.expected(direction), actual);
    }

    @Test
    void degreesAreRefusedWithoutTheOption() {
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
        Graph<Long, Long, Void> graph = DegreesWorkload.graph(env);
        Exception e = assertThrows(Exception.class, () -> ScatterGatherIteration.run(graph, new SendValueAndDegrees(),
                new FoldWithOwnDegrees(), Types.LONG, 2, new IterationOptions()).getVertices().collect());
        String message = DegreesWorkload.rootMessage(e);
        assertTrue(message.contains("Degrees are not available: set IterationOptions.setDegreesAvailable(true)"), message);
    }

    private static final class SendValueAndDegrees extends ScatterFunction<Long, Long, Long, Void> {
        @Override
        public void sendMessages(Vertex<Long, Long> vertex) {
            sendMessageToAllNeighbors(DegreesWorkload.message(vertex.value(), getInDegree(), getOutDegree()));
        }
    }

    private static final class FoldWithOwnDegrees extends GatherFunction<Long, Long, Long> {
        @Override
        public void updateVertex(Vertex<Long, Long> vertex, Iterable<Long> messages) {
            long sum = 0;
            for (long m : messages) {
                sum += m;
            }
            setNewVertexValue(DegreesWorkload.fold(sum, getInDegree(), getOutDegree()));
        }
    }
}
