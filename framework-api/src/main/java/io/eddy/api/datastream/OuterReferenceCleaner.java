package io.eddy.api.datastream;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.Set;

/**
 * Drops the hidden reference that an anonymous or inner class keeps to its enclosing instance
 * ({@code this$0}) when the class never reads it, so that a function written as an anonymous class
 * inside a non-serializable class still ships. Whether the reference is read is decided from the
 * class file: a {@code getfield this$0} in any method but the constructor keeps it. The scan errs
 * on the side of keeping the reference, never dropping one that is used.
 */
final class OuterReferenceCleaner {
    private static final int GETFIELD = 0xb4;

    private OuterReferenceCleaner() {}

    /** Clears {@code this$0} of {@code function} if it is unused and not serializable. */
    static void clean(Object function) {
        Class<?> c = function.getClass();
        Field outer;
        try {
            outer = c.getDeclaredField("this$0");
        } catch (NoSuchFieldException e) {
            return;
        }
        if (!outer.isSynthetic() || c.getDeclaredClasses().length > 0) {
            return;
        }
        try {
            outer.setAccessible(true);
            Object value = outer.get(function);
            if (value == null || value instanceof Serializable || readsField(c, "this$0")) {
                return;
            }
            outer.set(function, null);
        } catch (IOException | ReflectiveOperationException | RuntimeException e) {
            // cannot tell: leave the reference, the serializability check reports it if it matters
        }
    }

    /** Whether a method other than a constructor of {@code c} contains a getfield of its field {@code name}. */
    private static boolean readsField(Class<?> c, String name) throws IOException {
        String resource = c.getName().substring(c.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream stream = c.getResourceAsStream(resource)) {
            if (stream == null) {
                return true;
            }
            DataInputStream in = new DataInputStream(stream);
            in.readInt(); // magic
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            int[] nameAndTypeName = new int[count];
            int[] fieldrefNameAndType = new int[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 3, 4 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++;
                    }
                    case 7, 8, 16, 19, 20 -> in.readUnsignedShort();
                    case 9 -> {
                        in.readUnsignedShort();
                        fieldrefNameAndType[i] = in.readUnsignedShort();
                    }
                    case 12 -> {
                        nameAndTypeName[i] = in.readUnsignedShort();
                        in.readUnsignedShort();
                    }
                    case 10, 11, 17, 18 -> in.readInt();
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    default -> {
                        return true;
                    }
                }
            }
            Set<Integer> refs = new HashSet<>();
            for (int i = 1; i < count; i++) {
                if (fieldrefNameAndType[i] != 0 && name.equals(utf8[nameAndTypeName[fieldrefNameAndType[i]]])) {
                    refs.add(i);
                }
            }
            if (refs.isEmpty()) {
                return false;
            }
            in.readUnsignedShort(); // access flags
            in.readUnsignedShort(); // this class
            in.readUnsignedShort(); // super class
            in.skipNBytes(2L * in.readUnsignedShort());
            for (int f = in.readUnsignedShort(); f > 0; f--) {
                in.skipNBytes(6);
                skipAttributes(in);
            }
            for (int m = in.readUnsignedShort(); m > 0; m--) {
                in.readUnsignedShort();
                String methodName = utf8[in.readUnsignedShort()];
                in.readUnsignedShort();
                for (int a = in.readUnsignedShort(); a > 0; a--) {
                    String attribute = utf8[in.readUnsignedShort()];
                    byte[] body = new byte[in.readInt()];
                    in.readFully(body);
                    if (attribute.equals("Code") && !methodName.equals("<init>") && containsGetfield(body, refs)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        for (int a = in.readUnsignedShort(); a > 0; a--) {
            in.readUnsignedShort();
            in.skipNBytes(in.readInt());
        }
    }

    /** Scans the code bytes of a Code attribute (after max_stack, max_locals and code_length). */
    private static boolean containsGetfield(byte[] codeAttribute, Set<Integer> refs) {
        int length = ((codeAttribute[4] & 0xff) << 24) | ((codeAttribute[5] & 0xff) << 16)
                | ((codeAttribute[6] & 0xff) << 8) | (codeAttribute[7] & 0xff);
        for (int i = 8; i + 2 < 8 + length; i++) {
            if ((codeAttribute[i] & 0xff) == GETFIELD
                    && refs.contains(((codeAttribute[i + 1] & 0xff) << 8) | (codeAttribute[i + 2] & 0xff))) {
                return true;
            }
        }
        return false;
    }
}
