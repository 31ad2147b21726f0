package io.eddy.api.state;

import io.eddy.api.types.TypeExtractor;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

import java.util.Map;

/** Describes state that maps keys to values, such as a {@link BroadcastState}; the stored type is the map. */
public final class MapStateDescriptor<UK, UV> extends StateDescriptor<Map<UK, UV>> {
    private static final long serialVersionUID = 1L;

    private final TypeInfo<UK> userKeyType;
    private final TypeInfo<UV> userValueType;

    public MapStateDescriptor(String name, TypeInfo<UK> userKeyType, TypeInfo<UV> userValueType) {
        super(name, Types.MAP(userKeyType, userValueType));
        this.userKeyType = userKeyType;
        this.userValueType = userValueType;
    }

    public MapStateDescriptor(String name, Class<UK> userKeyType, Class<UV> userValueType) {
        this(name, TypeExtractor.forClass(userKeyType), TypeExtractor.forClass(userValueType));
    }

    public TypeInfo<UK> getUserKeyType() {
        return userKeyType;
    }

    public TypeInfo<UV> getUserValueType() {
        return userValueType;
    }
}
