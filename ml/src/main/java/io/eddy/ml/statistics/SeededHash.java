package io.eddy.ml.statistics;

/**
 * Seeded pseudo-random numbers that are functions of a value rather than of a position in a stream:
 * a record's random choice is the same at any parallelism and in any record order.
 */
public final class SeededHash {
    private SeededHash() {}

    /** The SplitMix64 finaliser: a bijection of 64-bit values that mixes every bit into every other. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A double in [0, 1) determined by {@code seed} and {@code hash}. */
    public static double unit(long seed, long hash) {
        return (mix64(seed ^ mix64(hash)) >>> 11) * 0x1.0p-53;
    }
}
