package io.eddy.api.types.comparators;

/**
 * Keys of two record types compared with each other, as joins and co-groups do: both comparators'
 * atomic key sequences must have the same types, position by position.
 */
public final class KeyComparison {
    private KeyComparison() {}

    /** Fails with both key descriptions when the keys of {@code first} and {@code second} cannot be compared. */
    public static void checkCompatible(TypeComparator<?> first, TypeComparator<?> second) {
        boolean compatible = first.getKeyCount() == second.getKeyCount();
        for (int i = 0; compatible && i < first.getKeyCount(); i++) {
            compatible = first.getKeyComparator(i).getValueClass() == second.getKeyComparator(i).getValueClass();
        }
        if (!compatible) {
            throw new IllegalArgumentException("The keys " + first + " and " + second + " cannot be matched: both "
                    + "sides need the same number of key fields with the same types, in the same order.");
        }
    }

    /** True when the key of {@code left} equals the key of {@code right}. */
    public static <L, R> boolean keysEqual(TypeComparator<L> leftComparator, L left, TypeComparator<R> rightComparator, R right) {
        for (int i = 0, n = leftComparator.getKeyCount(); i < n; i++) {
            if (!leftComparator.getKeyComparator(i).equalKeys(leftComparator.getKey(left, i), rightComparator.getKey(right, i))) {
                return false;
            }
        }
        return true;
    }

    /** The order of the key of {@code left} relative to the key of {@code right}, in the left side's directions. */
    public static <L, R> int compareKeys(TypeComparator<L> leftComparator, L left, TypeComparator<R> rightComparator, R right) {
        for (int i = 0, n = leftComparator.getKeyCount(); i < n; i++) {
            int c = leftComparator.getKeyComparator(i).compare(leftComparator.getKey(left, i), rightComparator.getKey(right, i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
