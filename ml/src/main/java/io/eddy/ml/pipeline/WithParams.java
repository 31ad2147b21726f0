package io.eddy.ml.pipeline;

import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Something configured by {@link Param}s: the values set, else the defaults. The parameters a class
 * accepts are its {@code public static final Param} fields (and its superclasses'); setting any
 * other fails naming the accepted ones.
 *
 * @param <S> the concrete class, so that {@code set} chains
 */
public abstract class WithParams<S extends WithParams<S>> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, Object> values = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    public <T> S set(Param<T> param, T value) {
        accepted(param.name());
        values.put(param.name(), param.validate(value));
        return self();
    }

    /** Sets the parameter named {@code name} from its text (as given on a command line). */
    public S set(String name, String text) {
        Param<?> param = accepted(name);
        values.put(name, param.parse(text));
        return self();
    }

    public <T> T get(Param<T> param) {
        Object value = values.get(param.name());
        if (value == null) {
            if (param.defaultValue() == null) {
                throw new IllegalArgumentException("Parameter '" + param.name() + "' of " + getClass().getSimpleName()
                        + " has no default: set it");
            }
            return param.defaultValue();
        }
        return param.type().cast(value);
    }

    /** The parameters this class accepts, in declaration order. */
    public List<Param<?>> params() {
        return paramsOf(getClass());
    }

    public static List<Param<?>> paramsOf(Class<?> type) {
        List<Param<?>> params = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            List<Param<?>> own = new ArrayList<>();
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && Modifier.isPublic(f.getModifiers()) && f.getType() == Param.class) {
                    try {
                        own.add((Param<?>) f.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            params.addAll(0, own);
        }
        return params;
    }

    private Param<?> accepted(String name) {
        List<String> names = new ArrayList<>();
        for (Param<?> p : params()) {
            if (p.name().equals(name)) {
                return p;
            }
            names.add(p.name());
        }
        throw new IllegalArgumentException(getClass().getSimpleName() + " has no parameter '" + name + "'; it has: "
                + (names.isEmpty() ? "none" : String.join(", ", names)));
    }

    /** The values set explicitly, by name. */
    public Map<String, Object> explicitValues() {
        return java.util.Collections.unmodifiableMap(values);
    }
}
