package io.eddy.ml.pipeline;

import java.io.IOException;
import java.io.Serializable;

/**
 * What an {@link Estimator} learned. A model saves itself as a {@link ModelFile} and is loaded with
 * {@link ModelFile#load}; the file names the model's class, which reads it back through its public
 * static {@code read(ModelFile)} method.
 */
public interface Model extends Serializable {
    /** Writes this model's entries (its parameters and learned values) into {@code file}. */
    void write(ModelFile file);

    default void save(String path) throws IOException {
        ModelFile file = new ModelFile(getClass().getName());
        write(file);
        file.save(path);
    }
}
