package io.eddy.api.state;


/**
 * Maps keys to key groups and key groups to subtasks. A key's group depends only on its hash
 * code and the max parallelism, so the same key lands in the same group in every run and at every
 * parallelism; groups are assigned to subtasks in contiguous ranges (key group ranges).
 */
public final class KeyGroups {
    /** Default number of key groups: the highest parallelism a keyed operator can be rescaled to. */
    public static final int DEFAULT_MAX_PARALLELISM = 128;

    /** The largest max parallelism supported. */
    public static final int UPPER_BOUND_MAX_PARALLELISM = 1 << 15;

    private KeyGroups() {}

    public static int assignToKeyGroup(Object key, int maxParallelism) {
        return computeKeyGroupForKeyHash(key.hashCode(), maxParallelism);
    }

    /** Scrambles the hash so that keys with poorly distributed hash codes (small integers) still spread. */
    public static int computeKeyGroupForKeyHash(int keyHash, int maxParallelism) {
        return (mix(keyHash) & 0x7fffffff) % maxParallelism;
    }

    /** The subtask (0-based) that owns {@code keyGroup}: subtasks own contiguous ranges of key groups. */
    public static int operatorIndexForKeyGroup(int maxParallelism, int parallelism, int keyGroup) {
        return keyGroup * parallelism / maxParallelism;
    }

    public static int operatorIndexForKey(Object key, int maxParallelism, int parallelism) {
        return operatorIndexForKeyGroup(maxParallelism, parallelism, assignToKeyGroup(key, maxParallelism));
    }

    public static void checkParallelism(int maxParallelism, int parallelism) {
        if (maxParallelism < 1 || maxParallelism > UPPER_BOUND_MAX_PARALLELISM) {
            throw new IllegalArgumentException("Max parallelism must be between 1 and "
                    + UPPER_BOUND_MAX_PARALLELISM + ", was " + maxParallelism);
        }
        if (parallelism < 1 || parallelism > maxParallelism) {
            throw new IllegalArgumentException("Parallelism " + parallelism + " exceeds the max parallelism "
                    + maxParallelism + ": raise it with setMaxParallelism(...) (key groups cannot be split)");
        }
    }

    /** Murmur3 32-bit finalization of one int: full avalanche, cheap. */
    private static int mix(int h) {
        h *= 0xcc9e2d51;
        h = Integer.rotateLeft(h, 15);
        h *= 0x1b873593;
        h = Integer.rotateLeft(h, 13);
        h = h * 5 + 0xe6546b64;
        h ^= 4;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
