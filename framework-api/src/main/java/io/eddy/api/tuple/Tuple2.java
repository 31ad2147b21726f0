package io.eddy.api.tuple;

/** A tuple of 2 fields. */
public final class Tuple2<T0, T1> extends Tuple {
    private static final long serialVersionUID = 1L;

    public T0 f0;
    public T1 f1;

    public Tuple2() {}

    public Tuple2(T0 f0, T1 f1) {
        this.f0 = f0;
        this.f1 = f1;
    }

    public static <T0, T1> Tuple2<T0, T1> of(T0 f0, T1 f1) {
        return new Tuple2<>(f0, f1);
    }

    @Override
    public int getArity() {
        return 2;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getField(int pos) {
        return (T) switch (pos) {
            case 0 -> f0;
            case 1 -> f1;
            default -> throw noField(pos);
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> void setField(T value, int pos) {
        switch (pos) {
            case 0 -> f0 = (T0) value;
            case 1 -> f1 = (T1) value;
            default -> throw noField(pos);
        }
    }

    @Override
    public Tuple2<T0, T1> copy() {
        return new Tuple2<>(f0, f1);
    }
}
