package io.eddy.benchmarks.micro;

import io.eddy.api.config.Configuration;
import io.eddy.api.operators.Output;
import io.eddy.api.partitioning.ForwardPartitioner;
import io.eddy.api.types.Types;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.network.ElementHandler;
import io.eddy.runtime.network.ExecutionAttemptId;
import io.eddy.runtime.network.InputGate;
import io.eddy.runtime.network.NetworkBufferPool;
import io.eddy.runtime.network.NetworkOptions;
import io.eddy.runtime.network.PartitionRegistry;
import io.eddy.runtime.network.RecordWriter;
import io.eddy.runtime.network.ResultPartition;
import io.eddy.runtime.network.ResultPartitionId;
import io.eddy.runtime.network.ResultSubpartition;
import io.eddy.runtime.network.StreamInputReader;
import io.eddy.runtime.shuffle.InputChannel;
import io.eddy.runtime.shuffle.ShuffleEnvironment;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Longs from a producer thread on one "TaskManager" to the benchmark thread on another, through
 * their partition server and client over loopback TCP with credit-based flow control. Reports
 * records per second; compare with {@link BufferExchangeBenchmark}, the same path in memory.
 *
 * <pre>bin/eddy-bench jmh RemoteExchangeBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RemoteExchangeBenchmark {
    private static final int BATCH = 100_000;

    /** Buffers per channel: the credit the consumer grants. */
    @Param({"2", "8"})
    public int credits;

    private ShuffleEnvironment producerSide;
    private ShuffleEnvironment consumerSide;
    private InputChannel channel;
    private InputGate gate;
    private StreamInputReader reader;
    private Thread producer;
    private final Semaphore batches = new Semaphore(0);
    private long received;

    /** Counts decoded records. */
    private final class Count implements ElementHandler {
        @Override
        public void processRecord(int input, Object record, long timestamp) {
            received++;
        }

        @Override
        public void processWatermark(long watermark) {}

        @Override
        public void processWatermarkStatus(boolean idle) {}
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Configuration config = new Configuration().set(NetworkOptions.BUFFERS_PER_CHANNEL, credits);
        NetworkBufferPool producerMemory = new NetworkBufferPool(256, 32 * 1024);
        producerSide = new ShuffleEnvironment(producerMemory, new PartitionRegistry(), config);
        consumerSide = new ShuffleEnvironment(new NetworkBufferPool(256, 32 * 1024), new PartitionRegistry(), config);
        ResultPartition partition = new ResultPartition(new ResultPartitionId(ExecutionAttemptId.generate(), 0),
                "bench", 1, producerMemory.createPool("bench", credits + 8));
        producerSide.registerPartition(partition);
        channel = consumerSide.openChannel(partition.getId(), 0, producerSide.startServer("127.0.0.1", 0), "bench")
                .join();
        gate = new InputGate(new ResultSubpartition[] {channel.subpartition()});
        TypeSerializer<?> serializer = Types.LONG.createSerializer(new SerializerConfig());
        reader = new StreamInputReader(gate, new TypeSerializer<?>[] {serializer}, new int[1], new Count());
        gate.start(Thread.currentThread());

        RecordWriter<Long> writer = new RecordWriter<>(partition, Types.LONG.createSerializer(new SerializerConfig()),
                new ForwardPartitioner<>(), false, () -> Thread.currentThread().isInterrupted());
        producer = new Thread(() -> {
            try {
                while (true) {
                    batches.acquire();
                    for (long i = 0; i < BATCH; i++) {
                        writer.emit(i, Output.NO_TIMESTAMP);
                    }
                    writer.flushAll();
                }
            } catch (InterruptedException e) {
                // tear-down
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "bench-producer");
        producer.setDaemon(true);
        producer.start();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        producer.interrupt();
        producer.join();
        channel.close();
        consumerSide.close();
        producerSide.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long longs() throws Exception {
        long target = received + BATCH;
        batches.release();
        while (received < target) {
            if (reader.processNext() == StreamInputReader.Status.NOTHING_AVAILABLE) {
                while (!gate.isAvailable()) {
                    LockSupport.parkNanos(100_000);
                }
            }
        }
        return received;
    }
}
