package io.eddy.ml.pipeline;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.MapFunction;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.linalg.LinalgTypes;
import io.eddy.ml.linalg.Vector;

/**
 * Maps each feature vector to a new one, keeping its label. A transformer is a function of one
 * vector (its state fixed when it was fitted), so {@link #transform} is a record-at-a-time map that
 * ships the transformer with the job.
 */
public interface Transformer extends java.io.Serializable {
    /** The transformed features of one vector. */
    Vector transform(Vector features);

    default DataSet<LabeledVector> transform(DataSet<LabeledVector> data) {
        return data.map(new TransformLabeled(this)).returns(LinalgTypes.LABELED_VECTOR);
    }

    record TransformLabeled(Transformer transformer) implements MapFunction<LabeledVector, LabeledVector> {
        @Override
        public LabeledVector map(LabeledVector v) {
            return new LabeledVector(v.label(), transformer.transform(v.features()));
        }
    }
}
