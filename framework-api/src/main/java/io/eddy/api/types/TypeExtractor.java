package io.eddy.api.types;

import io.eddy.api.tuple.Tuple;

import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives {@link TypeInfo}s from classes, generic types and user functions.
 *
 * <p>For a function implemented as a class (named or anonymous), the output type comes from its
 * generic signature, resolving type variables through the class hierarchy and, for generic
 * functions such as {@code Identity<T> implements MapFunction<T, T>}, from the input types. For a
 * lambda or method reference, the output type comes from the signature of the method the lambda
 * was compiled to: a concrete return type ({@code Integer}, a POJO, a record) survives, but the
 * compiler erases generic parameters ({@code Tuple2<String, Integer>} becomes {@code Tuple2}) and
 * the element type of a {@code Collector<OUT>} parameter, so those fail with an
 * {@link InvalidTypesException} and must be declared with {@code returns(...)}.
 */
public final class TypeExtractor {
    private TypeExtractor() {}

    @SuppressWarnings("unchecked")
    public static <T> TypeInfo<T> forClass(Class<T> type) {
        return (TypeInfo<T>) forType(type);
    }

    public static TypeInfo<?> forType(Type type) {
        return forType(type, Map.of(), new HashSet<>());
    }

    private static TypeInfo<?> forType(Type type, Map<TypeVariable<?>, TypeInfo<?>> bindings, Set<Class<?>> inProgress) {
        if (type instanceof Class<?> c) {
            return forClass(c, bindings, inProgress);
        }
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (Tuple.class.isAssignableFrom(raw) && raw.getPackageName().equals(Tuple.class.getPackageName())) {
                TypeInfo<?>[] fields = new TypeInfo<?>[args.length];
                for (int i = 0; i < args.length; i++) {
                    fields[i] = forType(args[i], bindings, inProgress);
                }
                return new TupleTypeInfo<>(fields);
            }
            // not Collection: it may hold a Set, which the List serializer cannot write or restore
            if (raw == List.class || raw == ArrayList.class) {
                return new ListTypeInfo<>(forType(args[0], bindings, inProgress));
            }
            if (raw == Map.class || raw == HashMap.class || raw == LinkedHashMap.class) {
                return new MapTypeInfo<>(forType(args[0], bindings, inProgress), forType(args[1], bindings, inProgress));
            }
            Map<TypeVariable<?>, TypeInfo<?>> inner = new HashMap<>(bindings);
            TypeVariable<?>[] params = raw.getTypeParameters();
            for (int i = 0; i < params.length; i++) {
                try {
                    inner.put(params[i], forType(args[i], bindings, inProgress));
                } catch (InvalidTypesException e) {
                    // leave unbound: fields of this type variable fall back to Kryo
                }
            }
            return forClass(raw, inner, inProgress);
        }
        if (type instanceof TypeVariable<?> v) {
            TypeInfo<?> bound = bindings.get(v);
            if (bound == null) {
                throw new InvalidTypesException("The type variable " + v.getName() + " (of "
                        + v.getGenericDeclaration() + ") cannot be resolved to a concrete type.");
            }
            return bound;
        }
        if (type instanceof GenericArrayType g) {
            return Types.OBJECT_ARRAY(forType(g.getGenericComponentType(), bindings, inProgress));
        }
        if (type instanceof WildcardType w) {
            return forType(w.getUpperBounds()[0], bindings, inProgress);
        }
        throw new InvalidTypesException("Unsupported type " + type);
    }

    private static TypeInfo<?> forClass(Class<?> c, Map<TypeVariable<?>, TypeInfo<?>> bindings, Set<Class<?>> inProgress) {
        TypeInfo<?> basic = basic(c);
        if (basic != null) {
            return basic;
        }
        if (c.isArray()) {
            return c.getComponentType().isPrimitive() ? new ArrayTypeInfo<>(c)
                    : Types.OBJECT_ARRAY(forClass(c.getComponentType(), bindings, inProgress));
        }
        if (Tuple.class.isAssignableFrom(c)) {
            throw new InvalidTypesException("The generic parameters of " + c.getSimpleName()
                    + " are missing: the compiler erased them.");
        }
        if (c.isEnum() || (c.getSuperclass() != null && c.getSuperclass().isEnum())) {
            return enumType(c.isEnum() ? c : c.getSuperclass());
        }
        if (c.isRecord()) {
            // a record that contains itself would recurse forever; the inner one goes through Kryo
            return inProgress.contains(c) ? new GenericTypeInfo<>(c) : record(c, bindings, inProgress);
        }
        if (inProgress.contains(c) || c.isInterface() || Modifier.isAbstract(c.getModifiers())
                || c.getName().startsWith("java.")) {
            return new GenericTypeInfo<>(c);
        }
        TypeInfo<?> pojo = pojo(c, false, bindings, inProgress);
        return pojo != null ? pojo : new GenericTypeInfo<>(c);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static TypeInfo<?> enumType(Class<?> c) {
        return new EnumTypeInfo(c);
    }

    private static TypeInfo<?> basic(Class<?> c) {
        if (c == String.class) {
            return Types.STRING;
        }
        if (c == Long.class || c == long.class) {
            return Types.LONG;
        }
        if (c == Integer.class || c == int.class) {
            return Types.INT;
        }
        if (c == Double.class || c == double.class) {
            return Types.DOUBLE;
        }
        if (c == Boolean.class || c == boolean.class) {
            return Types.BOOLEAN;
        }
        if (c == Float.class || c == float.class) {
            return Types.FLOAT;
        }
        if (c == Short.class || c == short.class) {
            return Types.SHORT;
        }
        if (c == Byte.class || c == byte.class) {
            return Types.BYTE;
        }
        if (c == Character.class || c == char.class) {
            return Types.CHAR;
        }
        if (c == Void.class || c == void.class) {
            return Types.VOID;
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static TypeInfo<?> record(Class<?> c, Map<TypeVariable<?>, TypeInfo<?>> bindings, Set<Class<?>> inProgress) {
        RecordComponent[] components = c.getRecordComponents();
        TypeInfo<?>[] types = new TypeInfo<?>[components.length];
        Set<Class<?>> nested = new HashSet<>(inProgress);
        nested.add(c);
        for (int i = 0; i < components.length; i++) {
            types[i] = fieldType(components[i].getGenericType(), components[i].getType(), bindings, nested);
        }
        return new RecordTypeInfo(c, types);
    }

    /** The type of a field or component; a generic one that cannot be resolved falls back to Kryo. */
    private static TypeInfo<?> fieldType(Type generic, Class<?> erased, Map<TypeVariable<?>, TypeInfo<?>> bindings,
            Set<Class<?>> inProgress) {
        try {
            return forType(generic, bindings, inProgress);
        } catch (InvalidTypesException e) {
            return new GenericTypeInfo<>(erased);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> TypeInfo<T> pojo(Class<T> type, boolean strict) {
        return (TypeInfo<T>) pojo(type, strict, Map.of(), new HashSet<>());
    }

    /** The POJO type of {@code c}, or null (or, when strict, an exception naming the broken rule). */
    private static TypeInfo<?> pojo(Class<?> c, boolean strict, Map<TypeVariable<?>, TypeInfo<?>> bindings,
            Set<Class<?>> inProgress) {
        String problem = null;
        if (!Modifier.isPublic(c.getModifiers())) {
            problem = "the class is not public";
        } else if (c.getEnclosingClass() != null && !Modifier.isStatic(c.getModifiers())) {
            problem = "it is a non-static inner class";
        } else if (Modifier.isAbstract(c.getModifiers())) {
            problem = "the class is abstract";
        } else {
            try {
                if (!Modifier.isPublic(c.getDeclaredConstructor().getModifiers())) {
                    problem = "its no-argument constructor is not public";
                }
            } catch (NoSuchMethodException e) {
                problem = "it has no public no-argument constructor";
            }
        }
        List<Field> fields = new ArrayList<>();
        for (Class<?> k = c; problem == null && k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                int m = f.getModifiers();
                if (Modifier.isStatic(m) || Modifier.isTransient(m)) {
                    continue;
                }
                if (!Modifier.isPublic(m) && !hasGetterAndSetter(c, f)) {
                    problem = "field '" + f.getName() + "' is neither public nor has a getter and setter";
                    break;
                }
                if (Modifier.isFinal(m)) {
                    problem = "field '" + f.getName() + "' is final";
                    break;
                }
                fields.add(f);
            }
        }
        if (problem != null) {
            if (strict) {
                throw new InvalidTypesException(c.getName() + " is not a valid POJO: " + problem + ". A POJO is a "
                        + "public (static, if nested) class with a public no-argument constructor whose non-static, "
                        + "non-transient fields are public or have getters and setters.");
            }
            return null;
        }
        fields.sort(Comparator.comparing(Field::getName).thenComparing(f -> f.getDeclaringClass().getName()));
        Set<Class<?>> nested = new HashSet<>(inProgress);
        nested.add(c);
        TypeInfo<?>[] types = new TypeInfo<?>[fields.size()];
        for (int i = 0; i < types.length; i++) {
            Field f = fields.get(i);
            types[i] = fieldType(f.getGenericType(), f.getType(), bindings, nested);
        }
        return new PojoTypeInfo<>(c, fields.toArray(new Field[0]), types);
    }

    private static boolean hasGetterAndSetter(Class<?> c, Field f) {
        String suffix = Character.toUpperCase(f.getName().charAt(0)) + f.getName().substring(1);
        boolean getter = false;
        boolean setter = false;
        for (Method m : c.getMethods()) {
            if (m.getParameterCount() == 0 && (m.getName().equals("get" + suffix) || m.getName().equals("is" + suffix)
                    || m.getName().equals(f.getName())) && m.getReturnType() == f.getType()) {
                getter = true;
            }
            if (m.getParameterCount() == 1 && m.getName().equals("set" + suffix) && m.getParameterTypes()[0] == f.getType()) {
                setter = true;
            }
        }
        return getter && setter;
    }

    /** Whether instances hash by value: the class or a superclass other than Object declares hashCode. */
    static boolean overridesHashCode(Class<?> c) {
        try {
            return c.getMethod("hashCode").getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- functions

    /**
     * The output type of a user function.
     *
     * @param function the function object: a class instance, lambda or method reference
     * @param functionBase the function interface or abstract class, e.g. {@code MapFunction.class}
     * @param outputIndex the position of the output among {@code functionBase}'s type parameters
     * @param inputTypes the types of the other type parameters, in order, to resolve generic functions
     * @throws InvalidTypesException when the type was erased or cannot be resolved; the message says why
     */
    @SuppressWarnings("unchecked")
    public static <OUT> TypeInfo<OUT> getOutputType(Object function, Class<?> functionBase, int outputIndex,
            TypeInfo<?>... inputTypes) {
        SerializedLambda lambda = serializedLambda(function);
        if (lambda != null) {
            return (TypeInfo<OUT>) lambdaOutputType(function, lambda, functionBase, outputIndex);
        }
        Type[] actual = typeArgumentsOf(function.getClass(), functionBase);
        if (actual == null) {
            throw new InvalidTypesException(function.getClass().getName() + " implements "
                    + functionBase.getSimpleName() + " without type arguments (a raw type).");
        }
        Map<TypeVariable<?>, TypeInfo<?>> bindings = new HashMap<>();
        int input = 0;
        for (int i = 0; i < actual.length && input < inputTypes.length; i++) {
            if (i == outputIndex) {
                continue;
            }
            if (actual[i] instanceof TypeVariable<?> v && inputTypes[input] != null) {
                bindings.put(v, inputTypes[input]);
            }
            input++;
        }
        return (TypeInfo<OUT>) forType(actual[outputIndex], bindings, new HashSet<>());
    }

    /** The type arguments {@code base} receives from {@code type}'s hierarchy, or null if it is used raw. */
    private static Type[] typeArgumentsOf(Type type, Class<?> base) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == base) {
            return type instanceof ParameterizedType p ? p.getActualTypeArguments() : null;
        }
        List<Type> supers = new ArrayList<>();
        if (raw.getGenericSuperclass() != null) {
            supers.add(raw.getGenericSuperclass());
        }
        supers.addAll(List.of(raw.getGenericInterfaces()));
        for (Type s : supers) {
            Class<?> sRaw = s instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) s;
            if (!base.isAssignableFrom(sRaw)) {
                continue;
            }
            Type[] found = typeArgumentsOf(s, base);
            if (found == null) {
                return null;
            }
            // substitute this level's type variables with the arguments given to it
            if (type instanceof ParameterizedType p) {
                TypeVariable<?>[] vars = raw.getTypeParameters();
                Type[] args = p.getActualTypeArguments();
                for (int i = 0; i < found.length; i++) {
                    found[i] = substitute(found[i], vars, args);
                }
            }
            return found;
        }
        return null;
    }

    private static Type substitute(Type t, TypeVariable<?>[] vars, Type[] args) {
        if (t instanceof TypeVariable<?> v) {
            for (int i = 0; i < vars.length; i++) {
                if (vars[i].equals(v)) {
                    return args[i];
                }
            }
            return t;
        }
        if (t instanceof ParameterizedType p) {
            Type[] a = p.getActualTypeArguments().clone();
            boolean changed = false;
            for (int i = 0; i < a.length; i++) {
                Type s = substitute(a[i], vars, args);
                changed |= s != a[i];
                a[i] = s;
            }
            return changed ? new ResolvedType((Class<?>) p.getRawType(), a, p.getOwnerType()) : p;
        }
        return t;
    }

    /** A parameterized type with substituted arguments. */
    private record ResolvedType(Class<?> raw, Type[] args, Type owner) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return args.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return owner;
        }
    }

    private static SerializedLambda serializedLambda(Object function) {
        Class<?> c = function.getClass();
        if (!c.isSynthetic()) {
            return null;
        }
        try {
            Method writeReplace = c.getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            Object replacement = writeReplace.invoke(function);
            return replacement instanceof SerializedLambda sl ? sl : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static TypeInfo<?> lambdaOutputType(Object function, SerializedLambda lambda, Class<?> base, int outputIndex) {
        Executable impl = implementation(function, lambda);
        Method sam = singleAbstractMethod(base);
        TypeVariable<?> output = base.getTypeParameters()[outputIndex];
        Type found = null;
        if (output.equals(sam.getGenericReturnType())) {
            found = impl instanceof Method m ? m.getGenericReturnType() : impl.getDeclaringClass();
        } else {
            // an instance method's receiver is the first captured argument (bound reference, lambda using
            // this) or the first functional argument (unbound reference); either way not a parameter of it
            boolean hasReceiver = impl instanceof Method m && !Modifier.isStatic(m.getModifiers());
            Type[] samParams = sam.getGenericParameterTypes();
            for (int j = 0; j < samParams.length && found == null; j++) {
                if (samParams[j] instanceof ParameterizedType p) {
                    Type[] args = p.getActualTypeArguments();
                    for (int k = 0; k < args.length; k++) {
                        if (output.equals(args[k])) {
                            int implIndex = j + lambda.getCapturedArgCount() - (hasReceiver ? 1 : 0);
                            Type implParam = implIndex >= 0 && implIndex < impl.getParameterCount()
                                    ? impl.getGenericParameterTypes()[implIndex] : null;
                            if (implParam instanceof ParameterizedType ip) {
                                found = ip.getActualTypeArguments()[k];
                            } else {
                                throw new InvalidTypesException("The lambda's output type, the type argument of its "
                                        + ((Class<?>) p.getRawType()).getSimpleName()
                                        + " parameter, was erased by the compiler.");
                            }
                        }
                    }
                }
            }
        }
        if (found == null) {
            throw new InvalidTypesException("Cannot find the output type in the signature of " + impl);
        }
        try {
            return forType(found);
        } catch (InvalidTypesException e) {
            throw new InvalidTypesException("The lambda's output type " + found.getTypeName()
                    + " lost its generic parameters to erasure: " + e.getMessage(), e);
        }
    }

    private static Executable implementation(Object function, SerializedLambda lambda) {
        try {
            ClassLoader loader = function.getClass().getClassLoader();
            Class<?> implClass = Class.forName(lambda.getImplClass().replace('/', '.'), false, loader);
            String name = lambda.getImplMethodName();
            String signature = lambda.getImplMethodSignature();
            if (lambda.getImplMethodKind() == MethodHandleInfo.REF_newInvokeSpecial) {
                for (Constructor<?> c : implClass.getDeclaredConstructors()) {
                    if (MethodType.methodType(void.class, c.getParameterTypes()).toMethodDescriptorString().equals(signature)) {
                        return c;
                    }
                }
            }
            for (Class<?> k = implClass; k != null; k = k.getSuperclass()) {
                for (Method m : k.getDeclaredMethods()) {
                    if (m.getName().equals(name) && MethodType.methodType(m.getReturnType(), m.getParameterTypes())
                            .toMethodDescriptorString().equals(signature)) {
                        return m;
                    }
                }
            }
            for (Class<?> i : implClass.getInterfaces()) {
                for (Method m : i.getMethods()) {
                    if (m.getName().equals(name) && MethodType.methodType(m.getReturnType(), m.getParameterTypes())
                            .toMethodDescriptorString().equals(signature)) {
                        return m;
                    }
                }
            }
        } catch (ClassNotFoundException e) {
            throw new InvalidTypesException("Cannot load the class of the lambda's implementation: " + e.getMessage(), e);
        }
        throw new InvalidTypesException("Cannot find the lambda's implementation method " + lambda.getImplMethodName());
    }

    private static Method singleAbstractMethod(Class<?> base) {
        Method found = null;
        for (Method m : base.getMethods()) {
            if (Modifier.isAbstract(m.getModifiers()) && !m.isDefault()) {
                if (found != null) {
                    throw new InvalidTypesException(base.getName() + " is not a functional interface");
                }
                found = m;
            }
        }
        if (found == null) {
            throw new InvalidTypesException(base.getName() + " has no abstract method");
        }
        return found;
    }
}
