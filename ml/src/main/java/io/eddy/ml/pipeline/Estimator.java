package io.eddy.ml.pipeline;

import io.eddy.api.dataset.DataSet;
import io.eddy.ml.linalg.LabeledVector;

/**
 * Learns a {@link Model} from training data. {@link #fit} runs one job (an iterative learner runs
 * one native bulk iteration in it) and returns the model with its parameters in the client.
 * Unsupervised estimators ignore the labels.
 */
public interface Estimator<M extends Model> {
    M fit(DataSet<LabeledVector> training) throws Exception;

    /**
     * This estimator, whose model must be a {@link Transformer}, followed by {@code next} learning
     * on the transformed data: e.g. {@code new StandardScaler().chain(new LogisticRegression())}.
     */
    default <N extends Model> Pipeline<N> chain(Estimator<N> next) {
        return Pipeline.of(this, next);
    }
}
