package io.eddy.runtime.jobmaster;

import io.eddy.runtime.checkpoint.CheckpointStorage;
import io.eddy.runtime.checkpoint.CheckpointStorages;
import io.eddy.runtime.checkpoint.CompletedCheckpoint;
import io.eddy.runtime.checkpoint.KeyGroupsStateHandle;
import io.eddy.runtime.checkpoint.OperatorSnapshot;
import io.eddy.runtime.checkpoint.StateHandle;
import io.eddy.runtime.checkpoint.SubtaskState;
import io.eddy.runtime.jobgraph.ChainConfig;
import io.eddy.runtime.jobgraph.JobGraph;
import io.eddy.runtime.jobgraph.JobVertex;
import io.eddy.runtime.jobgraph.SerializedObjects;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a savepoint for the first deployment of a job that may differ from the one that took it:
 * operator state is matched by operator id (the uid, else vertex id and chain position), not by
 * vertex, and the savepoint's relative handles are made absolute so tasks read them like a checkpoint's.
 */
final class SavepointRestore {
    private SavepointRestore() {}

    /**
     * @param allowNonRestoredState drop state of operator ids the job does not have instead of failing
     * @return the savepoint with its state under the vertex ids of {@code job}
     */
    static CompletedCheckpoint load(String path, JobGraph job, ClassLoader classLoader, boolean allowNonRestoredState)
            throws Exception {
        String pointer = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (pointer.endsWith("/_metadata")) {
            pointer = pointer.substring(0, pointer.length() - "/_metadata".length());
        }
        CheckpointStorage storage = CheckpointStorages.forDirectory(pointer, classLoader);
        CompletedCheckpoint savepoint;
        try {
            savepoint = CompletedCheckpoint.fromBytes(storage.readMetadata(pointer));
        } catch (IOException e) {
            throw new IOException("Cannot read savepoint " + path + ": " + e.getMessage(), e);
        }

        Map<String, Set<String>> operatorIdsByVertex = new LinkedHashMap<>();
        Set<String> jobOperatorIds = new HashSet<>();
        for (JobVertex v : job.getVertices()) {
            ChainConfig config = SerializedObjects.deserialize(v.getChainConfig(), classLoader);
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < config.nodes().size(); i++) {
                String uid = config.nodes().get(i).uid();
                ids.add(uid != null ? uid : v.getId() + "#" + i);
            }
            operatorIdsByVertex.put(v.getId(), ids);
            jobOperatorIds.addAll(ids);
        }

        Set<String> unclaimed = new TreeSet<>();
        for (List<SubtaskState> subtasks : savepoint.vertices().values()) {
            for (SubtaskState subtask : subtasks) {
                if (subtask == null) {
                    continue;
                }
                for (OperatorSnapshot o : subtask.operators()) {
                    if ((o.keyedState() != null || o.operatorState() != null) && !jobOperatorIds.contains(o.operatorId())) {
                        unclaimed.add(o.operatorId());
                    }
                }
            }
        }
        if (!unclaimed.isEmpty() && !allowNonRestoredState) {
            throw new IllegalStateException("Savepoint " + path + " holds state of operators that job '" + job.getName()
                    + "' does not have: " + unclaimed + ". Give those operators these uids, or allow non-restored"
                    + " state (--allow-non-restored-state, 'execution.savepoint.ignore-unclaimed-state') to drop it.");
        }

        List<JobVertex> newSources = job.getVertices().stream().filter(JobVertex::isSource).toList();
        List<String> oldSources = savepoint.vertices().entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(s -> s != null && s.sourceSplits() != null))
                .map(Map.Entry::getKey).toList();

        Map<String, List<SubtaskState>> remapped = new LinkedHashMap<>();
        for (JobVertex v : job.getVertices()) {
            Set<String> ids = operatorIdsByVertex.get(v.getId());
            List<SubtaskState> states = new ArrayList<>();
            for (Map.Entry<String, List<SubtaskState>> old : savepoint.vertices().entrySet()) {
                boolean splitsHere = v.isSource() && oldSources.contains(old.getKey())
                        && (old.getKey().equals(v.getId()) || (newSources.size() == 1 && oldSources.size() == 1)
                                || sharesOperator(old.getValue(), ids));
                for (SubtaskState subtask : old.getValue()) {
                    if (subtask == null) {
                        continue;
                    }
                    List<OperatorSnapshot> operators = new ArrayList<>();
                    for (OperatorSnapshot o : subtask.operators()) {
                        if (ids.contains(o.operatorId())) {
                            operators.add(absolute(o, storage, pointer));
                        }
                    }
                    byte[] splits = splitsHere ? subtask.sourceSplits() : null;
                    if (!operators.isEmpty() || splits != null) {
                        states.add(new SubtaskState(operators, splits, subtask.inputEnded()));
                    }
                }
            }
            if (!states.isEmpty()) {
                remapped.put(v.getId(), states);
            }
        }
        return new CompletedCheckpoint(savepoint.checkpointId(), savepoint.timestamp(), remapped);
    }

    private static boolean sharesOperator(List<SubtaskState> subtasks, Set<String> ids) {
        return subtasks.stream().anyMatch(s -> s != null
                && s.operators().stream().anyMatch(o -> ids.contains(o.operatorId())));
    }

    private static OperatorSnapshot absolute(OperatorSnapshot o, CheckpointStorage storage, String pointer)
            throws IOException {
        KeyGroupsStateHandle keyed = o.keyedState() == null ? null : new KeyGroupsStateHandle(
                absolute(o.keyedState().file(), storage, pointer), o.keyedState().range(), o.keyedState().offsets());
        StateHandle operatorState = o.operatorState() == null ? null : absolute(o.operatorState(), storage, pointer);
        return new OperatorSnapshot(o.operatorId(), keyed, operatorState);
    }

    /** Checks the file (read to its end through the savepoint) and names it absolutely. */
    private static StateHandle absolute(StateHandle handle, CheckpointStorage storage, String pointer)
            throws IOException {
        try (InputStream in = storage.openState(handle, pointer)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        if (handle.path().startsWith("/") || handle.path().contains(":")) {
            return handle;
        }
        return new StateHandle(pointer + "/" + handle.path(), handle.size());
    }
}
