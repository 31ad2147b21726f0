package io.eddy.ml.linalg;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;

import java.io.IOException;

/**
 * The types of the vectors and matrices, with dedicated serializers (Kryo is never involved): a
 * vector is a tag byte (0 dense, 1 sparse), its size, then its values (and, sparse, the number of
 * non-zeros and index/value pairs). Give them to {@code returns(...)} where a function produces them.
 */
public final class LinalgTypes {
    private LinalgTypes() {}

    public static final TypeInfo<Vector> VECTOR = new LinalgTypeInfo<>(Vector.class, new VectorSerializer());
    public static final TypeInfo<LabeledVector> LABELED_VECTOR =
            new LinalgTypeInfo<>(LabeledVector.class, new LabeledVectorSerializer());
    public static final TypeInfo<DenseMatrix> DENSE_MATRIX = new LinalgTypeInfo<>(DenseMatrix.class, new DenseMatrixSerializer());

    private static final byte DENSE = 0;
    private static final byte SPARSE = 1;

    private static final class LinalgTypeInfo<T> extends TypeInfo<T> {
        private static final long serialVersionUID = 1L;

        private final Class<T> type;
        private final TypeSerializer<T> serializer;

        LinalgTypeInfo(Class<T> type, TypeSerializer<T> serializer) {
            this.type = type;
            this.serializer = serializer;
        }

        @Override
        public Class<T> getTypeClass() {
            return type;
        }

        @Override
        public TypeSerializer<T> createSerializer(SerializerConfig config) {
            return serializer;
        }

        @Override
        public boolean isKeyType() {
            return false;
        }

        @Override
        public String toString() {
            return type.getSimpleName();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LinalgTypeInfo<?> other && other.type == type;
        }

        @Override
        public int hashCode() {
            return type.hashCode();
        }
    }

    /** Base of the stateless serializers here: one shared instance, deep copies. */
    private abstract static class StatelessSerializer<T> extends TypeSerializer<T> {
        private static final long serialVersionUID = 1L;

        @Override
        public TypeSerializer<T> duplicate() {
            return this;
        }

        @Override
        public boolean isImmutableType() {
            return false;
        }

        @Override
        public T createInstance() {
            return null;
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public boolean equals(Object o) {
            return o != null && o.getClass() == getClass();
        }

        @Override
        public int hashCode() {
            return getClass().hashCode();
        }
    }

    static final class VectorSerializer extends StatelessSerializer<Vector> {
        private static final long serialVersionUID = 1L;

        @Override
        public Vector copy(Vector from) {
            if (from instanceof DenseVector d) {
                return new DenseVector(d.values().clone());
            }
            int n = from.numStored();
            int[] indices = new int[n];
            double[] values = new double[n];
            for (int k = 0; k < n; k++) {
                indices[k] = from.storedIndex(k);
                values[k] = from.storedValue(k);
            }
            return new SparseVector(from.size(), indices, values);
        }

        @Override
        public void serialize(Vector vector, DataOutputView target) throws IOException {
            if (vector instanceof DenseVector d) {
                target.writeByte(DENSE);
                double[] values = d.values();
                target.writeInt(values.length);
                target.writeDoubles(values);
            } else {
                target.writeByte(SPARSE);
                target.writeInt(vector.size());
                int n = vector.numStored();
                target.writeInt(n);
                for (int k = 0; k < n; k++) {
                    target.writeInt(vector.storedIndex(k));
                    target.writeDouble(vector.storedValue(k));
                }
            }
        }

        @Override
        public Vector deserialize(DataInputView source) throws IOException {
            byte tag = source.readByte();
            int size = source.readInt();
            if (tag == DENSE) {
                double[] values = new double[size];
                source.readDoubles(values);
                return new DenseVector(values);
            }
            int n = source.readInt();
            int[] indices = new int[n];
            double[] values = new double[n];
            for (int k = 0; k < n; k++) {
                indices[k] = source.readInt();
                values[k] = source.readDouble();
            }
            return new SparseVector(size, indices, values);
        }
    }

    static final class LabeledVectorSerializer extends StatelessSerializer<LabeledVector> {
        private static final long serialVersionUID = 1L;
        private static final VectorSerializer VECTORS = new VectorSerializer();

        @Override
        public LabeledVector copy(LabeledVector from) {
            return new LabeledVector(from.label(), VECTORS.copy(from.features()));
        }

        @Override
        public void serialize(LabeledVector record, DataOutputView target) throws IOException {
            target.writeDouble(record.label());
            VECTORS.serialize(record.features(), target);
        }

        @Override
        public LabeledVector deserialize(DataInputView source) throws IOException {
            double label = source.readDouble();
            return new LabeledVector(label, VECTORS.deserialize(source));
        }
    }

    static final class DenseMatrixSerializer extends StatelessSerializer<DenseMatrix> {
        private static final long serialVersionUID = 1L;

        @Override
        public DenseMatrix copy(DenseMatrix from) {
            return new DenseMatrix(from.rows(), from.cols(), from.values().clone());
        }

        @Override
        public void serialize(DenseMatrix matrix, DataOutputView target) throws IOException {
            target.writeInt(matrix.rows());
            target.writeInt(matrix.cols());
            target.writeDoubles(matrix.values());
        }

        @Override
        public DenseMatrix deserialize(DataInputView source) throws IOException {
            int rows = source.readInt();
            int cols = source.readInt();
            double[] values = new double[rows * cols];
            source.readDoubles(values);
            return new DenseMatrix(rows, cols, values);
        }
    }
}
