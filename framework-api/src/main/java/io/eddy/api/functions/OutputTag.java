package io.eddy.api.functions;

import io.eddy.api.types.TypeExtractor;
import io.eddy.api.types.TypeInfo;

import java.io.Serializable;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * Names a side output of an operator: a second stream of another type, e.g. late or malformed
 * records. Two tags are the same side output when their ids are equal.
 *
 * <pre>{@code
 * OutputTag<String> rejected = new OutputTag<String>("rejected") {};   // type from the subclass
 * OutputTag<String> rejected = new OutputTag<>("rejected", Types.STRING);
 * }</pre>
 */
public class OutputTag<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final TypeInfo<T> type;

    /** For an anonymous subclass ({@code new OutputTag<X>("id") {}}), which keeps the type argument. */
    @SuppressWarnings("unchecked")
    protected OutputTag(String id) {
        this.id = checkId(id);
        Type superType = getClass().getGenericSuperclass();
        if (!(superType instanceof ParameterizedType parameterized)) {
            throw new IllegalArgumentException("OutputTag '" + id + "' has no type: create it as an anonymous "
                    + "subclass, new OutputTag<X>(\"" + id + "\") {}, or pass the type: new OutputTag<>(\"" + id
                    + "\", type).");
        }
        this.type = (TypeInfo<T>) TypeExtractor.forType(parameterized.getActualTypeArguments()[0]);
    }

    public OutputTag(String id, TypeInfo<T> type) {
        this.id = checkId(id);
        this.type = Objects.requireNonNull(type, "type");
    }

    private static String checkId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("An OutputTag needs a non-empty id");
        }
        return id;
    }

    public String getId() {
        return id;
    }

    public TypeInfo<T> getType() {
        return type;
    }

    /**
     * Ships an anonymous subclass as a plain tag: the subclass exists only to keep the type
     * argument, and would otherwise drag its enclosing instance into the job.
     */
    protected final Object writeReplace() {
        return getClass() == OutputTag.class ? this : new OutputTag<>(id, type);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutputTag<?> other && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "OutputTag(" + id + ", " + type + ")";
    }
}
