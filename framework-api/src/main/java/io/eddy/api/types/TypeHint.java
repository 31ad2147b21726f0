package io.eddy.api.types;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Captures a full generic type that erasure would lose:
 * {@code .returns(new TypeHint<Tuple2<String, Integer>>() {})}.
 */
public abstract class TypeHint<T> {
    private final TypeInfo<T> typeInfo;

    @SuppressWarnings("unchecked")
    protected TypeHint() {
        Type superType = getClass().getGenericSuperclass();
        if (!(superType instanceof ParameterizedType p)) {
            throw new InvalidTypesException("Create a TypeHint as an anonymous subclass with the type argument: "
                    + "new TypeHint<Tuple2<String, Integer>>() {}");
        }
        this.typeInfo = (TypeInfo<T>) TypeExtractor.forType(p.getActualTypeArguments()[0]);
    }

    public TypeInfo<T> getTypeInfo() {
        return typeInfo;
    }
}
