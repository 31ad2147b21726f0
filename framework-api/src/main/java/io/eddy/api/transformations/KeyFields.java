package io.eddy.api.transformations;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The key of a batch operation: fields of a tuple by position, or of a POJO or record by name (one
 * of the two). The runtime compares and hashes records on these fields in their serialized form.
 */
public record KeyFields(int[] positions, String[] names) implements Serializable {
    public KeyFields {
        if ((positions == null) == (names == null)) {
            throw new IllegalArgumentException("A key is given by field positions or by field names, exactly one of them");
        }
        if (size(positions, names) == 0) {
            throw new IllegalArgumentException("A key needs at least one field");
        }
    }

    public static KeyFields of(int... positions) {
        return new KeyFields(positions.clone(), null);
    }

    public static KeyFields of(String... names) {
        return new KeyFields(null, names.clone());
    }

    public int size() {
        return size(positions, names);
    }

    public boolean byPosition() {
        return positions != null;
    }

    /** These fields followed by {@code more}'s; both must name fields the same way. */
    public KeyFields then(KeyFields more) {
        if (byPosition() != more.byPosition()) {
            throw new IllegalArgumentException("Key fields " + this + " and " + more
                    + " mix positions and names: give both by position or both by name");
        }
        if (byPosition()) {
            int[] all = Arrays.copyOf(positions, positions.length + more.positions.length);
            System.arraycopy(more.positions, 0, all, positions.length, more.positions.length);
            return new KeyFields(all, null);
        }
        String[] all = Arrays.copyOf(names, names.length + more.names.length);
        System.arraycopy(more.names, 0, all, names.length, more.names.length);
        return new KeyFields(null, all);
    }

    private static int size(int[] positions, String[] names) {
        return positions != null ? positions.length : names.length;
    }

    @Override
    public String toString() {
        return positions != null ? Arrays.toString(positions) : Arrays.toString(names);
    }
}
