package io.eddy.benchmarks.micro;

import io.eddy.api.operators.Output;
import io.eddy.api.partitioning.ForwardPartitioner;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.network.ElementHandler;
import io.eddy.runtime.network.ExecutionAttemptId;
import io.eddy.runtime.network.InputGate;
import io.eddy.runtime.network.NetworkBufferPool;
import io.eddy.runtime.network.RecordWriter;
import io.eddy.runtime.network.ResultPartition;
import io.eddy.runtime.network.ResultPartitionId;
import io.eddy.runtime.network.ResultSubpartition;
import io.eddy.runtime.network.StreamInputReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * The data path between two tasks without the threads: records serialized into network buffers
 * by a {@link RecordWriter}, handed through a subpartition and an {@link InputGate}, and
 * deserialized by a {@link StreamInputReader}. Reports records per second.
 *
 * <pre>bin/eddy-bench jmh BufferExchangeBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BufferExchangeBenchmark {
    private static final int BATCH = 10_000;

    private RecordWriter<Long> longWriter;
    private StreamInputReader longReader;
    private RecordWriter<Tuple2<Long, Long>> tupleWriter;
    private StreamInputReader tupleReader;
    private Tuple2<Long, Long>[] tuples;

    /** Sink for decoded records. */
    private static final class Consume implements ElementHandler {
        Blackhole blackhole;

        @Override
        public void processRecord(int input, Object record, long timestamp) {
            blackhole.consume(record);
        }

        @Override
        public void processWatermark(long watermark) {}

        @Override
        public void processWatermarkStatus(boolean idle) {}
    }

    private final Consume consume = new Consume();

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() {
        NetworkBufferPool pool = new NetworkBufferPool(1024, 32 * 1024);
        longWriter = writer(pool, Types.LONG);
        longReader = reader(longWriter, Types.LONG);
        TypeInfo<Tuple2<Long, Long>> tupleType = Types.TUPLE(Types.LONG, Types.LONG);
        tupleWriter = writer(pool, tupleType);
        tupleReader = reader(tupleWriter, tupleType);
        tuples = new Tuple2[BATCH];
        for (int i = 0; i < BATCH; i++) {
            tuples[i] = Tuple2.of((long) i % 10_000, (long) i);
        }
    }

    private ResultPartition lastPartition;

    private <T> RecordWriter<T> writer(NetworkBufferPool pool, TypeInfo<T> type) {
        lastPartition = new ResultPartition(new ResultPartitionId(ExecutionAttemptId.generate(), 0), "bench", 1,
                pool.createPool("bench", 128));
        return new RecordWriter<>(lastPartition, type.createSerializer(new SerializerConfig()),
                new ForwardPartitioner<>(), false, () -> false);
    }

    private StreamInputReader reader(RecordWriter<?> writer, TypeInfo<?> type) {
        InputGate gate = new InputGate(new ResultSubpartition[] {lastPartition.getSubpartition(0)});
        TypeSerializer<?> serializer = type.createSerializer(new SerializerConfig());
        StreamInputReader reader = new StreamInputReader(gate, new TypeSerializer<?>[] {serializer}, new int[1], consume);
        gate.start(Thread.currentThread());
        return reader;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void longs(Blackhole blackhole) throws Exception {
        consume.blackhole = blackhole;
        for (long i = 0; i < BATCH; i++) {
            longWriter.emit(i, Output.NO_TIMESTAMP);
        }
        longWriter.flushAll();
        while (longReader.processNext() == StreamInputReader.Status.MORE) {
            // drain
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void tuples(Blackhole blackhole) throws Exception {
        consume.blackhole = blackhole;
        for (Tuple2<Long, Long> t : tuples) {
            tupleWriter.emit(t, Output.NO_TIMESTAMP);
        }
        tupleWriter.flushAll();
        while (tupleReader.processNext() == StreamInputReader.Status.MORE) {
            // drain
        }
    }
}
