package io.eddy.runtime.jobgraph;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A chain of operators that runs as one task per parallel subtask. Its operators, serializers and
 * partitioners travel as the serialized {@link ChainConfig}, so every subtask deserializes its own
 * instances and no two subtasks share mutable objects.
 */
public final class JobVertex implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final String name;
    private final int parallelism;
    private final int maxParallelism;
    private final boolean source;
    private final List<String> operatorNames;
    private final byte[] chainConfig;
    private final List<JobEdge> inputs = new ArrayList<>();
    private final List<JobEdge> outputs = new ArrayList<>();
    private CoLocationGroup coLocationGroup;

    public JobVertex(String id, String name, int parallelism, int maxParallelism, boolean source,
            List<String> operatorNames, byte[] chainConfig) {
        this.id = id;
        this.name = name;
        this.parallelism = parallelism;
        this.maxParallelism = maxParallelism;
        this.source = source;
        this.operatorNames = List.copyOf(operatorNames);
        this.chainConfig = chainConfig;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public int getParallelism() {
        return parallelism;
    }

    public int getMaxParallelism() {
        return maxParallelism;
    }

    public boolean isSource() {
        return source;
    }

    /** Names of the chained operators, in chain order (the source first for a source vertex). */
    public List<String> getOperatorNames() {
        return operatorNames;
    }

    /** The serialized {@link ChainConfig}; deserialize with the job's user class loader. */
    public byte[] getChainConfig() {
        return chainConfig;
    }

    /** Incoming edges; position = input gate channel group of the task. */
    public List<JobEdge> getInputs() {
        return inputs;
    }

    /** Outgoing edges; position = result partition index of the task. */
    public List<JobEdge> getOutputs() {
        return outputs;
    }

    /**
     * The group whose vertices' subtasks of equal index run side by side, or null: the head, step
     * function and tails of an iteration's subtask meet inside their TaskManager.
     */
    public CoLocationGroup getCoLocationGroup() {
        return coLocationGroup;
    }

    public void setCoLocationGroup(CoLocationGroup coLocationGroup) {
        this.coLocationGroup = coLocationGroup;
    }

    @Override
    public String toString() {
        return id + " '" + name + "' (parallelism " + parallelism + ")";
    }
}
