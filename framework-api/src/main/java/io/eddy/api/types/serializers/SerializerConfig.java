package io.eddy.api.types.serializers;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * How types without a dedicated serializer are handled: they fall back to Kryo, where
 * registrations make the output smaller and faster, or are rejected when generic types are disabled.
 */
public final class SerializerConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Set<Class<?>> registeredKryoTypes = new LinkedHashSet<>();
    private final Map<Class<?>, Class<?>> kryoSerializers = new LinkedHashMap<>();
    private boolean genericTypesDisabled;

    /** Registers a class with Kryo so it is written as a small id instead of its class name. */
    public SerializerConfig registerKryoType(Class<?> type) {
        registeredKryoTypes.add(type);
        return this;
    }

    /** Uses the given Kryo serializer class (a {@code com.esotericsoftware.kryo.Serializer}) for {@code type}. */
    public SerializerConfig registerKryoSerializer(Class<?> type, Class<?> kryoSerializerClass) {
        kryoSerializers.put(type, kryoSerializerClass);
        return this;
    }

    /** Makes the Kryo fallback an error, so every type must have a dedicated serializer. */
    public SerializerConfig disableGenericTypes() {
        genericTypesDisabled = true;
        return this;
    }

    public boolean isGenericTypesDisabled() {
        return genericTypesDisabled;
    }

    public Set<Class<?>> getRegisteredKryoTypes() {
        return registeredKryoTypes;
    }

    public Map<Class<?>, Class<?>> getKryoSerializers() {
        return kryoSerializers;
    }
}
