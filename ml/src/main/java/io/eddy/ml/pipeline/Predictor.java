package io.eddy.ml.pipeline;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.tuple.Tuple2;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.linalg.Vector;

/** A trained model that predicts a label (a class or a value) for feature vectors. */
public interface Predictor {
    /** {@code (features, prediction)} for each vector. */
    DataSet<Tuple2<Vector, Double>> predict(DataSet<Vector> data);

    /** {@code (true label, prediction)} for each labeled vector: the input of the {@code evaluation} metrics. */
    DataSet<Tuple2<Double, Double>> evaluate(DataSet<LabeledVector> data);
}
