package io.eddy.ml.linalg;

import io.eddy.api.memory.SegmentInputView;
import io.eddy.api.memory.SegmentOutputView;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinalgTest {
    private static <T> T roundTrip(TypeInfo<T> type, T value) throws Exception {
        TypeSerializer<T> serializer = type.createSerializer(new SerializerConfig());
        SegmentOutputView out = new SegmentOutputView(16);
        serializer.serialize(value, out);
        serializer.serialize(value, out);
        SegmentInputView in = new SegmentInputView(out.toByteArray());
        T first = serializer.deserialize(in);
        assertEquals(value, serializer.deserialize(in), "the second copy of " + value);
        T copy = serializer.copy(value);
        assertEquals(value, copy);
        assertNotSame(value, copy);
        return first;
    }

    @Test
    void serializersRoundTripEveryKind() throws Exception {
        Vector dense = new DenseVector(1.5, -0.0, Double.MAX_VALUE);
        Vector sparse = new SparseVector(10, new int[] {0, 7}, new double[] {2.0, -3.25});
        assertEquals(dense, roundTrip(LinalgTypes.VECTOR, dense));
        assertEquals(sparse, roundTrip(LinalgTypes.VECTOR, sparse));
        LabeledVector labeled = new LabeledVector(1.0, sparse);
        assertEquals(labeled, roundTrip(LinalgTypes.LABELED_VECTOR, labeled));
        DenseMatrix m = new DenseMatrix(2, 3, new double[] {1, 2, 3, 4, 5, 6});
        assertEquals(m, roundTrip(LinalgTypes.DENSE_MATRIX, m));
    }

    @Test
    void sparseAndDenseAgreeOnEveryOperation() {
        SparseVector s = new SparseVector(5, new int[] {1, 4}, new double[] {2.0, -1.0});
        DenseVector d = s.toDense();
        assertArrayEquals(new double[] {0, 2, 0, 0, -1}, d.values());
        double[] w = {1, 2, 3, 4, 5};
        assertEquals(d.dot(w), s.dot(w));
        assertEquals(-1.0, s.dot(w));
        assertEquals(d.squaredDistance(w), s.squaredDistance(w));
        assertEquals(1 + 0 + 9 + 16 + 36, s.squaredDistance(w));
        assertEquals(5.0, s.squaredNorm());
        double[] target = new double[5];
        s.addTo(target, 2.0);
        assertArrayEquals(new double[] {0, 4, 0, 0, -2}, target);
        assertEquals(-1.0, s.get(4));
        assertEquals(0.0, s.get(3));
    }

    @Test
    void sparseVectorsRejectUnorderedIndices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SparseVector(3, new int[] {2, 1}, new double[] {1, 1}));
        assertTrue(e.getMessage().contains("increase strictly"), e.getMessage());
    }

    @Test
    void choleskySolvesASymmetricPositiveDefiniteSystem() {
        DenseMatrix a = new DenseMatrix(3, 3, new double[] {4, 12, -16, 12, 37, -43, -16, -43, 98});
        double[] x = {1, -2, 0.5};
        double[] solved = a.solveSymmetricPositiveDefinite(a.multiply(x));
        assertArrayEquals(x, solved, 1e-12);
        DenseMatrix singular = new DenseMatrix(2, 2, new double[] {1, 1, 1, 1});
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> singular.solveSymmetricPositiveDefinite(new double[] {1, 1}));
        assertTrue(e.getMessage().contains("regularization"), e.getMessage());
    }
}
