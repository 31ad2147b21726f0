package io.eddy.api.types.serializers;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;
import org.objenesis.strategy.StdInstantiatorStrategy;

import java.io.IOException;
import java.util.Map;

/**
 * The fallback for types without a dedicated serializer: Kryo, writing a length and Kryo's
 * bytes. Registered classes and serializers from {@link SerializerConfig} are applied. Kryo is not
 * thread-safe, so each instance creates its own lazily and {@link #duplicate()} makes a new one.
 */
public final class KryoSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final SerializerConfig config;
    private transient Kryo kryo;
    private transient Output output;
    private transient Input input;
    private transient byte[] readBuffer;

    public KryoSerializer(Class<T> type, SerializerConfig config) {
        this.type = type;
        this.config = config;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return new KryoSerializer<>(type, config);
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public T createInstance() {
        return null;
    }

    @Override
    public T copy(T from) {
        try {
            return kryo().copy(from);
        } catch (KryoException e) {
            // some classes cannot be copied field by field; a serialization round trip always works
            output.reset();
            kryo.writeClassAndObject(output, from);
            input.setBuffer(output.getBuffer(), 0, output.position());
            return type.cast(kryo.readClassAndObject(input));
        }
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        Kryo k = kryo();
        output.reset();
        try {
            k.writeClassAndObject(output, record);
        } catch (KryoException e) {
            throw new IOException("Kryo could not serialize " + record.getClass().getName() + ": " + e.getMessage()
                    + ". Make the type a POJO or record, or register a Kryo serializer for it.", e);
        }
        VarInts.write(output.position(), target);
        target.write(output.getBuffer(), 0, output.position());
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        Kryo k = kryo();
        int length = VarInts.read(source);
        if (readBuffer.length < length) {
            readBuffer = new byte[Math.max(length, readBuffer.length * 2)];
        }
        source.readFully(readBuffer, 0, length);
        input.setBuffer(readBuffer, 0, length);
        try {
            return type.cast(k.readClassAndObject(input));
        } catch (KryoException e) {
            throw new IOException("Kryo could not deserialize a " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Kryo kryo() {
        if (kryo == null) {
            Kryo k = new Kryo();
            k.setRegistrationRequired(false);
            k.setReferences(true);
            k.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                k.setClassLoader(loader);
            }
            for (Class<?> c : config.getRegisteredKryoTypes()) {
                k.register(c);
            }
            for (Map.Entry<Class<?>, Class<?>> e : config.getKryoSerializers().entrySet()) {
                try {
                    k.addDefaultSerializer(e.getKey(), (Class<? extends Serializer>) e.getValue());
                } catch (ClassCastException cce) {
                    throw new IllegalArgumentException(e.getValue().getName() + " is not a Kryo Serializer", cce);
                }
            }
            output = new Output(256, -1);
            input = new Input();
            readBuffer = new byte[256];
            kryo = k;
        }
        return kryo;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KryoSerializer<?> k && k.type == type;
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }
}
