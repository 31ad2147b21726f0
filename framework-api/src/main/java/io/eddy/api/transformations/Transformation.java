package io.eddy.api.transformations;

import io.eddy.api.types.InvalidTypesException;
import io.eddy.api.types.TypeInfo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One step of a program as the user wrote it (a source, a map, a keyBy, a sink). The DataStream
 * and DataSet APIs build a graph of transformations; the runtime compiles it into a job graph.
 *
 * <p>The output type may be unknown when a lambda's generic type was erased; it then holds the
 * reason, raised when the type is first needed, so that {@code returns(...)} can still fix it.
 */
public abstract class Transformation<T> {
    private static final AtomicInteger NEXT_ID = new AtomicInteger();

    /** Parallelism not set by the user: the environment's default applies. */
    public static final int DEFAULT_PARALLELISM = -1;

    private final int id;
    private String name;
    private String uid;
    private int parallelism;
    private int maxParallelism = -1;
    private TypeInfo<T> outputType;
    private InvalidTypesException missingType;
    private ChainingStrategy chainingStrategy = ChainingStrategy.ALWAYS;
    private final Map<String, Transformation<?>> broadcastInputs = new LinkedHashMap<>();

    protected Transformation(String name, TypeInfo<T> outputType, int parallelism) {
        this.id = NEXT_ID.incrementAndGet();
        this.name = name;
        this.outputType = outputType;
        this.parallelism = parallelism;
    }

    public int getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getUid() {
        return uid;
    }

    public void setUid(String uid) {
        this.uid = uid;
    }

    public int getParallelism() {
        return parallelism;
    }

    public void setParallelism(int parallelism) {
        if (parallelism < 1 && parallelism != DEFAULT_PARALLELISM) {
            throw new IllegalArgumentException("Parallelism of '" + name + "' must be at least 1, was " + parallelism);
        }
        this.parallelism = parallelism;
    }

    public int getMaxParallelism() {
        return maxParallelism;
    }

    public void setMaxParallelism(int maxParallelism) {
        this.maxParallelism = maxParallelism;
    }

    /** The output type; throws the recorded reason if it could not be determined. */
    public TypeInfo<T> getOutputType() {
        if (outputType == null) {
            throw missingType != null ? missingType
                    : new InvalidTypesException("The output type of '" + name + "' is unknown: declare it with returns(...)");
        }
        return outputType;
    }

    public boolean hasOutputType() {
        return outputType != null;
    }

    public void setOutputType(TypeInfo<T> type) {
        this.outputType = type;
        this.missingType = null;
    }

    public void setMissingOutputType(InvalidTypesException reason) {
        this.outputType = null;
        this.missingType = reason;
    }

    public ChainingStrategy getChainingStrategy() {
        return chainingStrategy;
    }

    public void setChainingStrategy(ChainingStrategy strategy) {
        this.chainingStrategy = strategy;
    }

    public abstract List<Transformation<?>> getInputs();

    /**
     * Adds a broadcast set: every subtask of this operator receives all of {@code set}'s records and
     * reads them as the broadcast variable {@code name} (a DataSet's {@code withBroadcastSet}).
     */
    public void addBroadcastInput(String name, Transformation<?> set) {
        if (name == null || set == null) {
            throw new IllegalArgumentException("A broadcast set needs a data set and a name: withBroadcastSet(set, name)");
        }
        if (broadcastInputs.containsKey(name)) {
            throw new IllegalArgumentException("'" + this.name + "' has a broadcast set named '" + name
                    + "' already: give each broadcast set of an operator its own name.");
        }
        broadcastInputs.put(name, set);
    }

    /** The broadcast sets by name, in the order they were added. */
    public Map<String, Transformation<?>> getBroadcastInputs() {
        return Collections.unmodifiableMap(broadcastInputs);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{id=" + id + ", name='" + name + "', parallelism=" + parallelism + '}';
    }
}
