package io.eddy.api.types.serializers;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;

import java.io.IOException;

/** Arrays of one primitive type: the length, then the elements. Arrays are mutable, so copies are deep. */
public final class PrimitiveArraySerializer<A> extends TypeSerializer<A> {
    private static final long serialVersionUID = 1L;

    private final Class<A> arrayClass;

    public PrimitiveArraySerializer(Class<A> arrayClass) {
        if (!arrayClass.isArray() || !arrayClass.getComponentType().isPrimitive()) {
            throw new IllegalArgumentException(arrayClass + " is not a primitive array class");
        }
        this.arrayClass = arrayClass;
    }

    @Override
    public TypeSerializer<A> duplicate() {
        return this;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public A createInstance() {
        return arrayClass.cast(java.lang.reflect.Array.newInstance(arrayClass.getComponentType(), 0));
    }

    @Override
    @SuppressWarnings("unchecked")
    public A copy(A from) {
        int length = java.lang.reflect.Array.getLength(from);
        Object copy = java.lang.reflect.Array.newInstance(arrayClass.getComponentType(), length);
        System.arraycopy(from, 0, copy, 0, length);
        return (A) copy;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(A record, DataOutputView out) throws IOException {
        if (record instanceof byte[] a) {
            VarInts.write(a.length, out);
            out.write(a);
        } else if (record instanceof int[] a) {
            VarInts.write(a.length, out);
            for (int v : a) {
                out.writeInt(v);
            }
        } else if (record instanceof long[] a) {
            VarInts.write(a.length, out);
            for (long v : a) {
                out.writeLong(v);
            }
        } else if (record instanceof double[] a) {
            VarInts.write(a.length, out);
            out.writeDoubles(a);
        } else if (record instanceof float[] a) {
            VarInts.write(a.length, out);
            for (float v : a) {
                out.writeFloat(v);
            }
        } else if (record instanceof short[] a) {
            VarInts.write(a.length, out);
            for (short v : a) {
                out.writeShort(v);
            }
        } else if (record instanceof char[] a) {
            VarInts.write(a.length, out);
            for (char v : a) {
                out.writeChar(v);
            }
        } else {
            boolean[] a = (boolean[]) record;
            VarInts.write(a.length, out);
            for (boolean v : a) {
                out.writeBoolean(v);
            }
        }
    }

    @Override
    public A deserialize(DataInputView in) throws IOException {
        int n = VarInts.read(in);
        Class<?> c = arrayClass.getComponentType();
        Object result;
        if (c == byte.class) {
            byte[] a = new byte[n];
            in.readFully(a);
            result = a;
        } else if (c == int.class) {
            int[] a = new int[n];
            for (int i = 0; i < n; i++) {
                a[i] = in.readInt();
            }
            result = a;
        } else if (c == long.class) {
            long[] a = new long[n];
            for (int i = 0; i < n; i++) {
                a[i] = in.readLong();
            }
            result = a;
        } else if (c == double.class) {
            double[] a = new double[n];
            in.readDoubles(a);
            result = a;
        } else if (c == float.class) {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = in.readFloat();
            }
            result = a;
        } else if (c == short.class) {
            short[] a = new short[n];
            for (int i = 0; i < n; i++) {
                a[i] = in.readShort();
            }
            result = a;
        } else if (c == char.class) {
            char[] a = new char[n];
            for (int i = 0; i < n; i++) {
                a[i] = in.readChar();
            }
            result = a;
        } else {
            boolean[] a = new boolean[n];
            for (int i = 0; i < n; i++) {
                a[i] = in.readBoolean();
            }
            result = a;
        }
        return arrayClass.cast(result);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrimitiveArraySerializer<?> p && p.arrayClass == arrayClass;
    }

    @Override
    public int hashCode() {
        return arrayClass.hashCode();
    }
}
