package io.eddy.ml.recommendation;

/**
 * The factors of one block of users (or items): {@code ids} ascending, the factors of {@code ids[k]}
 * at {@code factors[k·rank .. (k+1)·rank − 1]}.
 *
 * @param side {@link Als#USERS} or {@link Als#ITEMS}
 */
public record FactorBlock(int side, int block, long[] ids, double[] factors) {}
