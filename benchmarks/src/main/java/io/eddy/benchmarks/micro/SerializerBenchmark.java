package io.eddy.benchmarks.micro;

import io.eddy.api.memory.SegmentInputView;
import io.eddy.api.memory.SegmentOutputView;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeHint;
import io.eddy.api.types.Types;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * One value serialized into a reused {@link SegmentOutputView} and read back from a reused
 * {@link SegmentInputView}, per type. Mutable types (tuple, POJO) are read into a reused instance,
 * so the only allocations are what deserialization must create (boxed fields, strings, records).
 * Reports round trips per second.
 *
 * <pre>bin/eddy-bench jmh SerializerBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SerializerBenchmark {

    /** A typical POJO: public fields, serialized field by field. */
    public static class Order {
        public long id;
        public String customer;
        public double amount;
    }

    public record Trade(long id, String symbol, double price) {}

    private final SegmentOutputView out = new SegmentOutputView(256);
    private final SegmentInputView in = new SegmentInputView();

    private TypeSerializer<Long> longSerializer;
    private TypeSerializer<String> stringSerializer;
    private TypeSerializer<Tuple2<String, Long>> tupleSerializer;
    private TypeSerializer<Order> pojoSerializer;
    private TypeSerializer<Trade> recordSerializer;

    private Long longValue;
    private String stringValue;
    private Tuple2<String, Long> tupleValue;
    private Tuple2<String, Long> tupleReuse;
    private Order pojoValue;
    private Order pojoReuse;
    private Trade recordValue;

    @Setup(Level.Trial)
    public void setUp() {
        SerializerConfig config = new SerializerConfig();
        longSerializer = Types.of(Long.class).createSerializer(config);
        stringSerializer = Types.of(String.class).createSerializer(config);
        tupleSerializer = new TypeHint<Tuple2<String, Long>>() {}.getTypeInfo().createSerializer(config);
        pojoSerializer = Types.of(Order.class).createSerializer(config);
        recordSerializer = Types.of(Trade.class).createSerializer(config);

        // outside the Long cache, as most real values are
        longValue = 1_234_567_890_123L;
        stringValue = "customer-00000012345";
        tupleValue = Tuple2.of(stringValue, longValue);
        tupleReuse = tupleSerializer.createInstance();
        pojoValue = new Order();
        pojoValue.id = longValue;
        pojoValue.customer = stringValue;
        pojoValue.amount = 99.95;
        pojoReuse = pojoSerializer.createInstance();
        recordValue = new Trade(longValue, stringValue, 99.95);
    }

    /** Writes {@code value} and points the input view at the bytes written. */
    private <T> void write(TypeSerializer<T> serializer, T value) throws IOException {
        out.clear();
        serializer.serialize(value, out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
    }

    @Benchmark
    public Long longs() throws IOException {
        write(longSerializer, longValue);
        return longSerializer.deserialize(in);
    }

    @Benchmark
    public String strings() throws IOException {
        write(stringSerializer, stringValue);
        return stringSerializer.deserialize(in);
    }

    @Benchmark
    public Tuple2<String, Long> tuples() throws IOException {
        write(tupleSerializer, tupleValue);
        return tupleSerializer.deserialize(tupleReuse, in);
    }

    @Benchmark
    public Order pojos() throws IOException {
        write(pojoSerializer, pojoValue);
        return pojoSerializer.deserialize(pojoReuse, in);
    }

    @Benchmark
    public Trade records() throws IOException {
        write(recordSerializer, recordValue);
        return recordSerializer.deserialize(in);
    }
}
