package io.eddy.runtime.jobgraph;

import java.io.Serializable;

/**
 * Vertices whose subtasks of equal index must run side by side: subtask <i>j</i> of every vertex of
 * the group runs in the slot of subtask <i>j</i> of the group's first vertex in topological order
 * (its anchor), and, when the vertex has more subtasks than the anchor, in a slot of the anchor's
 * subtask <i>j</i> mod {@code parallelism} TaskManager. An iteration is one group: its head, the
 * operators of its step function and its tails of subtask <i>j</i> meet in their TaskManager
 * (the feedback, the aggregators and the solution set stay in memory there), while the subtasks
 * themselves spread over the cluster.
 *
 * @param id names the group in the job (e.g. {@code iteration-7})
 * @param parallelism the anchor's parallelism
 */
public record CoLocationGroup(String id, int parallelism) implements Serializable {}
