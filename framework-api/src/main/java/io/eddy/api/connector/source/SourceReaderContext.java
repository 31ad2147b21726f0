package io.eddy.api.connector.source;

/** What a reader knows about the subtask it runs in. */
public interface SourceReaderContext {
    int getIndexOfSubtask();

    int getParallelism();

    ClassLoader getUserCodeClassLoader();
}
