package io.eddy.gelly.gsa;

import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.types.Types;
import io.eddy.gelly.DegreesWorkload;
import io.eddy.gelly.EdgeDirection;
import io.eddy.gelly.Graph;
import io.eddy.gelly.IterationOptions;
import io.eddy.gelly.Neighbor;
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
 * Degrees in gather-sum-apply functions whatever the direction ({@code setDegreesAvailable}), on the
 * {@link DegreesWorkload}: the gather function contributes its neighbour's value with the neighbour's
 * degrees, the sum adds, the apply function folds the vertex's own degrees into its new value; every vertex
 * checked against the plain-Java recomputation, so a degree of the wrong vertex or direction shows.
 */
class GatherSumApplyDegreesTest {
    @ParameterizedTest
    @CsvSource({"OUT, 2, false", "IN, 2, true", "ALL, 1, false", "ALL, 2, true", "IN, 1, false"})
    void gatherSeesTheNeighboursDegreesAndApplyItsOwn(EdgeDirection direction, int parallelism, boolean unmanaged)
            throws Exception {
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
        IterationOptions options = new IterationOptions().setDirection(direction).setDegreesAvailable(true)
                .setSolutionSetUnmanagedMemory(unmanaged);
        Map<Long, Long> actual = new HashMap<>();
        for (Vertex<Long, Long> v : GatherSumApplyIteration.run(DegreesWorkload.graph(env), new ValueAndDegrees(), Long::sum,
                new FoldWithOwnDegrees(), Types.LONG, DegreesWorkload.SUPERSTEPS, options).getVertices().collect()) {
            actual.put(v.id(), v.value());
        }
        assertEquals(DegreesWorkload.expected(direction), actual);
    }

    @Test
    void degreesAreRefusedWithoutTheOption() {
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
        Graph<Long, Long, Void> graph = DegreesWorkload.graph(env);
        Exception e = assertThrows(Exception.class, () -> GatherSumApplyIteration.run(graph, new ValueAndDegrees(), Long::sum,
                new FoldWithOwnDegrees(), Types.LONG, 2, new IterationOptions()).getVertices().collect());
        String message = DegreesWorkload.rootMessage(e);
        assertTrue(message.contains("Degrees are not available: set IterationOptions.setDegreesAvailable(true)"), message);
    }

    private static final class ValueAndDegrees extends GatherFunction<Long, Long, Void, Long> {
        @Override
        public Long gather(Neighbor<Long, Long, Void> neighbor) {
            return DegreesWorkload.message(neighbor.value(), getInDegree(), getOutDegree());
        }
    }

    private static final class FoldWithOwnDegrees extends ApplyFunction<Long, Long, Long> {
        @Override
        public void apply(Long sum, Long current) {
            setResult(DegreesWorkload.fold(sum, getInDegree(), getOutDegree()));
        }
    }
}
