package io.eddy.api.tuple;

/** A tuple of 1 field. */
public final class Tuple1<T0> extends Tuple {
    private static final long serialVersionUID = 1L;

    public T0 f0;

    public Tuple1() {}

    public Tuple1(T0 f0) {
        this.f0 = f0;
    }

    public static <T0> Tuple1<T0> of(T0 f0) {
        return new Tuple1<>(f0);
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getField(int pos) {
        return (T) switch (pos) {
            case 0 -> f0;
            default -> throw noField(pos);
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> void setField(T value, int pos) {
        switch (pos) {
            case 0 -> f0 = (T0) value;
            default -> throw noField(pos);
        }
    }

    @Override
    public Tuple1<T0> copy() {
        return new Tuple1<>(f0);
    }
}
