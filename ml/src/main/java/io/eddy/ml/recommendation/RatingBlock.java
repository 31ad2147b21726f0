package io.eddy.ml.recommendation;

/**
 * The ratings of one block of users (or items), grouped by them: own id {@code ids[k]} (ascending)
 * rated the other side's ids {@code others[start[k] .. start[k+1] − 1]} with {@code values} at the
 * same positions. Built once per job; {@link Als} solves a block's ids together.
 *
 * @param side {@link Als#USERS} or {@link Als#ITEMS}: whose block this is
 */
public record RatingBlock(int side, int block, long[] ids, int[] start, long[] others, double[] values) {}
