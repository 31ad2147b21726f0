package io.eddy.api.datastream;

import io.eddy.api.execution.InvalidProgramException;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Checks, when a program is built, that a function can be shipped to the TaskManagers, and if not
 * names the field (or captured variable) that stands in the way, instead of failing later with a
 * bare {@code NotSerializableException}. An unused reference of an anonymous class to its
 * enclosing instance is dropped first ({@link OuterReferenceCleaner}).
 */
public final class ClosureCheck {
    private ClosureCheck() {}

    /**
     * @param description what the function is for, e.g. {@code map} or {@code sink 'Out'}
     * @throws InvalidProgramException naming the path to the first value that is not serializable
     */
    public static void ensureSerializable(Object function, String description) {
        OuterReferenceCleaner.clean(function);
        try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
            out.writeObject(function);
        } catch (IOException e) {
            String path = findUnserializable(function, "", Collections.newSetFromMap(new IdentityHashMap<>()), 0);
            String subject = "The function of " + description + " (" + function.getClass().getName() + ")";
            if (path == null) {
                throw new InvalidProgramException(subject + " cannot be serialized: " + e, e);
            }
            throw new InvalidProgramException(subject + " is not serializable: " + path + " does not implement "
                    + "java.io.Serializable. Make the field transient or static, make its class Serializable, or "
                    + "create the value in open() of a rich function.", e);
        }
    }

    /** A description of the first non-serializable value reachable from {@code value}, or null. */
    private static String findUnserializable(Object value, String path, Set<Object> visited, int depth) {
        if (value == null || depth > 20 || !visited.add(value)) {
            return null;
        }
        Class<?> c = value.getClass();
        if (c.isArray()) {
            if (c.getComponentType().isPrimitive()) {
                return null;
            }
            for (int i = 0; i < Array.getLength(value); i++) {
                String found = findUnserializable(Array.get(value, i), path + "[" + i + "]", visited, depth + 1);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        SerializedLambda lambda = serializedLambda(value);
        if (lambda != null) {
            for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
                Object arg = lambda.getCapturedArg(i);
                String argPath = path.isEmpty() ? "captured variable " + (i + 1) : path + ".<captured " + (i + 1) + ">";
                if (arg != null && !(arg instanceof Serializable)) {
                    return argPath + " of type " + arg.getClass().getName();
                }
                String found = findUnserializable(arg, argPath, visited, depth + 1);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (!(value instanceof Serializable)) {
            return (path.isEmpty() ? "the function itself" : path) + " of type " + c.getName();
        }
        if (c.getName().startsWith("java.")) {
            return null;
        }
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                int m = f.getModifiers();
                if (Modifier.isStatic(m) || Modifier.isTransient(m) || f.getType().isPrimitive()) {
                    continue;
                }
                Object fieldValue;
                try {
                    f.setAccessible(true);
                    fieldValue = f.get(value);
                } catch (RuntimeException | IllegalAccessException e) {
                    continue;
                }
                String fieldPath = path.isEmpty() ? "field '" + f.getName() + "'" : path + "." + f.getName();
                if (fieldValue != null && !(fieldValue instanceof Serializable) && serializedLambda(fieldValue) == null) {
                    return fieldPath + " of type " + fieldValue.getClass().getName();
                }
                String found = findUnserializable(fieldValue, fieldPath, visited, depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static SerializedLambda serializedLambda(Object value) {
        if (!value.getClass().isSynthetic()) {
            return null;
        }
        try {
            Method writeReplace = value.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            return writeReplace.invoke(value) instanceof SerializedLambda sl ? sl : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
