package io.eddy.api.tuple;

import java.io.Serializable;

/**
 * A fixed-size group of values with public mutable fields {@code f0, f1, …}; the lightweight
 * record type of many programs (words and counts, keys and values). Fields may be null; equality
 * and hash codes are by value.
 */
public abstract class Tuple implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The largest arity with a tuple class. */
    public static final int MAX_ARITY = 5;

    public abstract int getArity();

    /** Field {@code pos} (0-based). */
    public abstract <T> T getField(int pos);

    public abstract <T> void setField(T value, int pos);

    /** A shallow copy: a new tuple holding the same field objects. */
    public abstract Tuple copy();

    public static Class<? extends Tuple> getTupleClass(int arity) {
        return switch (arity) {
            case 1 -> Tuple1.class;
            case 2 -> Tuple2.class;
            case 3 -> Tuple3.class;
            case 4 -> Tuple4.class;
            case 5 -> Tuple5.class;
            default -> throw new IllegalArgumentException("No tuple class of arity " + arity + " (1.." + MAX_ARITY + ")");
        };
    }

    /** A new empty tuple of the given arity. */
    public static Tuple newInstance(int arity) {
        return switch (arity) {
            case 1 -> new Tuple1<>();
            case 2 -> new Tuple2<>();
            case 3 -> new Tuple3<>();
            case 4 -> new Tuple4<>();
            case 5 -> new Tuple5<>();
            default -> throw new IllegalArgumentException("No tuple class of arity " + arity + " (1.." + MAX_ARITY + ")");
        };
    }

    protected IndexOutOfBoundsException noField(int pos) {
        return new IndexOutOfBoundsException("Field " + pos + " of a tuple of arity " + getArity());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < getArity(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append((Object) getField(i));
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Tuple t) || t.getClass() != getClass()) {
            return false;
        }
        for (int i = 0; i < getArity(); i++) {
            if (!java.util.Objects.equals(getField(i), t.getField(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < getArity(); i++) {
            Object f = getField(i);
            h = 31 * h + (f == null ? 0 : f.hashCode());
        }
        return h;
    }
}
