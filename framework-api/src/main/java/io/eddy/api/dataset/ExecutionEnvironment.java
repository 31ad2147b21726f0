package io.eddy.api.dataset;

import io.eddy.api.config.Configuration;
import io.eddy.api.connector.format.InputFormat;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.JobExecutionResult;
import io.eddy.api.types.TypeInfo;

import java.util.Collection;

/**
 * Where a batch (DataSet) program starts. A DataSet program records bounded transformations on the
 * same {@code Pipeline} as a stream program, so it runs on the same executors (embedded, remote):
 * every source is bounded, and every batch operation emits its results when its input ends.
 */
public final class ExecutionEnvironment {
    private final StreamExecutionEnvironment streams;

    private ExecutionEnvironment(StreamExecutionEnvironment streams) {
        this.streams = streams;
    }

    /** The environment of the context the program runs in: embedded by default, or the cluster it was submitted to. */
    public static ExecutionEnvironment getExecutionEnvironment() {
        return new ExecutionEnvironment(StreamExecutionEnvironment.getExecutionEnvironment());
    }

    public static ExecutionEnvironment getExecutionEnvironment(Configuration config) {
        return new ExecutionEnvironment(StreamExecutionEnvironment.getExecutionEnvironment(config));
    }

    public ExecutionEnvironment setParallelism(int parallelism) {
        streams.setParallelism(parallelism);
        return this;
    }

    public int getParallelism() {
        return streams.getParallelism();
    }

    /** The numbers {@code from} to {@code to}, both included, split among the parallel subtasks. */
    public DataSet<Long> generateSequence(long from, long to) {
        return new DataSet<>(this, streams.fromSequence(from, to));
    }

    @SafeVarargs
    public final <T> DataSet<T> fromElements(T... elements) {
        return new DataSet<>(this, streams.fromElements(elements));
    }

    public <T> DataSet<T> fromCollection(Collection<T> elements) {
        return new DataSet<>(this, streams.fromCollection(elements));
    }

    public <T> DataSet<T> fromCollection(Collection<T> elements, TypeInfo<T> type) {
        return new DataSet<>(this, streams.fromCollection(elements, type));
    }

    /** The lines of a text file (or of every file of a directory). */
    public DataSet<String> readTextFile(String path) {
        return new DataSet<>(this, streams.readTextFile(path));
    }

    /** A CSV file (or a directory of them): give the format, then the column types with {@code types(...)}. */
    public CsvReader readCsvFile(String path) {
        return new CsvReader(this, path);
    }

    /**
     * The plan of the program's sinks as the batch optimizer chose it, as JSON, without running it:
     * {@code nodes} with their operator, parallelism, local strategy, size estimates and notes, and per
     * input the ship strategy ({@code FORWARD}, {@code HASH[keys]}, {@code BROADCAST}, ...).
     */
    public String getExecutionPlan() {
        return streams.getExecutionPlan();
    }

    /**
     * The records of {@code format}: its input splits are dealt round-robin to the parallel subtasks
     * (see {@link InputFormat}). The type comes from {@link InputFormat#getProducedType()}.
     */
    public <T, S extends java.io.Serializable> DataSet<T> createInput(InputFormat<T, S> format) {
        TypeInfo<T> type = format.getProducedType();
        if (type == null) {
            throw new io.eddy.api.types.InvalidTypesException("The input format " + format.getClass().getName()
                    + " does not declare its record type: use createInput(format, type), e.g. createInput(format, Types.STRING)");
        }
        return createInput(format, type);
    }

    public <T, S extends java.io.Serializable> DataSet<T> createInput(InputFormat<T, S> format, TypeInfo<T> type) {
        return new DataSet<>(this, streams.fromSource(new InputFormatSource<>(format, type),
                format.getClass().getSimpleName(), type));
    }

    /** Runs the program's sinks ({@code print}, {@code writeAsText}, ...) as one job. */
    public JobExecutionResult execute() throws Exception {
        return streams.execute("DataSet job");
    }

    public JobExecutionResult execute(String jobName) throws Exception {
        return streams.execute(jobName);
    }

    StreamExecutionEnvironment streams() {
        return streams;
    }
}
