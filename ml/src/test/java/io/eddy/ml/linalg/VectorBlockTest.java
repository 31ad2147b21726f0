package io.eddy.ml.linalg;

import io.eddy.api.functions.Collector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class VectorBlockTest {
    private static List<VectorBlock> cut(Iterable<LabeledVector> vectors) {
        List<VectorBlock> blocks = new ArrayList<>();
        Collector<VectorBlock> out = blocks::add;
        new VectorBlock.Cut().reduce(vectors, out);
        return blocks;
    }

    @Test
    void copiesEachVectorAsItComesAlthoughTheInputReusesItsObjects() {
        int n = VectorBlock.rowsPerBlock(4) + 3;
        double[] reused = new double[4];
        LabeledVector record = new LabeledVector(0, new DenseVector(reused));
        List<VectorBlock> blocks = cut(() -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public LabeledVector next() {
                java.util.Arrays.fill(reused, i++);
                return record;
            }
        });
        assertEquals(2, blocks.size());
        assertEquals(n - 3, blocks.get(0).rows());
        assertEquals(3, blocks.get(1).rows());
        assertNull(blocks.get(1).start());
        double[] row = new double[4];
        blocks.get(0).copyRow(5, row);
        assertArrayEquals(new double[] {5, 5, 5, 5}, row);
        blocks.get(1).copyRow(2, row);
        assertArrayEquals(new double[] {n - 1, n - 1, n - 1, n - 1}, row);
    }

    @Test
    void aSparseVectorMakesTheBlockSparse() {
        List<VectorBlock> blocks = cut(List.of(new LabeledVector(1, new DenseVector(new double[] {1, 2, 3})),
                new LabeledVector(0, new SparseVector(3, new int[] {2}, new double[] {7}))));
        assertEquals(1, blocks.size());
        VectorBlock block = blocks.get(0);
        assertArrayEquals(new int[] {0, 3, 4}, block.start());
        double[] row = {9, 9, 9};
        block.copyRow(1, row);
        assertArrayEquals(new double[] {0, 0, 7}, row);
        block.copyRow(0, row);
        assertArrayEquals(new double[] {1, 2, 3}, row);
    }
}
