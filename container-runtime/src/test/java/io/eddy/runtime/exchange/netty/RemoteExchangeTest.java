package io.eddy.runtime.exchange.netty;

import io.eddy.api.config.Configuration;
import io.eddy.api.operators.Output;
import io.eddy.api.partitioning.ForwardPartitioner;
import io.eddy.api.partitioning.StreamPartitioner;
import io.eddy.api.types.Types;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.exchange.BlockingResultPartition;
import io.eddy.runtime.exchange.ElementHandler;
import io.eddy.runtime.exchange.InputChannel;
import io.eddy.runtime.exchange.InputGate;
import io.eddy.runtime.exchange.NetworkBufferPool;
import io.eddy.runtime.exchange.NetworkOptions;
import io.eddy.runtime.exchange.PartitionRegistry;
import io.eddy.runtime.exchange.PipelinedResultPartition;
import io.eddy.runtime.exchange.RecordWriter;
import io.eddy.runtime.exchange.ResultPartition;
import io.eddy.runtime.exchange.ResultPartitionId;
import io.eddy.runtime.exchange.ResultSubpartition;
import io.eddy.runtime.exchange.StreamFormat;
import io.eddy.runtime.exchange.StreamInputReader;
import io.eddy.runtime.execution.ExecutionAttemptId;
import io.eddy.runtime.io.IOManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two TaskManager sides in one JVM, each with its own network memory, registry and partition
 * server, exchanging records over real Netty connections on loopback.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RemoteExchangeTest {
    private static final int CREDITS = 2;

    /** The data exchange of one TaskManager. */
    private static final class Side implements AutoCloseable {
        final NetworkBufferPool memory;
        final PartitionRegistry registry = new PartitionRegistry();
        final ExchangeEnvironment exchange;
        final InetSocketAddress address;

        Side(int segmentSize, Duration requestTimeout) throws InterruptedException {
            memory = new NetworkBufferPool(256, segmentSize);
            Configuration config = new Configuration()
                    .set(NetworkOptions.BUFFERS_PER_CHANNEL, CREDITS)
                    .set(NetworkOptions.REQUEST_TIMEOUT, requestTimeout);
            exchange = new ExchangeEnvironment(memory, registry, config);
            address = exchange.startServer("127.0.0.1", 0);
        }

        ResultPartition partition(int subpartitions, int buffers) {
            ResultPartition p = new PipelinedResultPartition(new ResultPartitionId(ExecutionAttemptId.generate(), 0), "job",
                    subpartitions, memory.createPool("producer", buffers));
            registry.register(p);
            return p;
        }

        RemoteInputChannel remote(ResultPartitionId id, int subpartition, Side producer) {
            return (RemoteInputChannel) exchange.openChannel(id, subpartition, producer.address, "consumer").join();
        }

        @Override
        public void close() {
            exchange.close();
        }
    }

    /** Collects records per channel: each channel is its own logical input, so the handler learns the channel. */
    private static final class Recorder implements ElementHandler {
        final List<List<String>> records = new ArrayList<>();
        final List<Long> watermarks = new ArrayList<>();

        Recorder(int channels) {
            for (int i = 0; i < channels; i++) {
                records.add(new ArrayList<>());
            }
        }

        @Override
        public void processRecord(int input, Object record, long timestamp) {
            records.get(input).add((String) record);
        }

        @Override
        public void processWatermark(long watermark) {
            watermarks.add(watermark);
        }

        @Override
        public void processWatermarkStatus(boolean idle) {}

        int count() {
            return records.stream().mapToInt(List::size).sum();
        }
    }

    /** Sends a record to the subpartition named by its first character. */
    private static final class ByFirstDigit extends StreamPartitioner<String> {
        @Override
        public int selectChannel(String record) {
            return record.charAt(0) - '0';
        }

        @Override
        public String name() {
            return "FIRST_DIGIT";
        }
    }

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private Side side(int segmentSize) throws InterruptedException {
        return side(segmentSize, Duration.ofSeconds(30));
    }

    private Side side(int segmentSize, Duration requestTimeout) throws InterruptedException {
        Side s = new Side(segmentSize, requestTimeout);
        toClose.add(s);
        return s;
    }

    private static TypeSerializer<String> strings() {
        return Types.STRING.createSerializer(new SerializerConfig());
    }

    private static StreamInputReader reader(InputGate gate, Recorder recorder) {
        int n = gate.getNumberOfChannels();
        TypeSerializer<?>[] serializers = new TypeSerializer<?>[n];
        int[] inputs = new int[n];
        for (int i = 0; i < n; i++) {
            serializers[i] = strings();
            inputs[i] = i;
        }
        return new StreamInputReader(gate, serializers, inputs, recorder);
    }

    /** Reads like a task does, parking while nothing is available; {@code afterElement} may check invariants. */
    private static void readToEnd(InputGate gate, StreamInputReader reader, Runnable afterElement) throws Exception {
        while (true) {
            StreamInputReader.Status status = reader.processNext();
            afterElement.run();
            if (status == StreamInputReader.Status.END) {
                return;
            }
            while (status == StreamInputReader.Status.NOTHING_AVAILABLE && !gate.isAvailable()) {
                LockSupport.parkNanos(10_000_000);
            }
        }
    }

    private static CompletableFuture<Void> produce(ThrowingRunnable body) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                body.run();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "producer");
        t.setDaemon(true);
        t.start();
        return done;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            LockSupport.parkNanos(5_000_000);
        }
    }

    private static String record(int subpartition, int sequence, Random random) {
        // mostly small records, some longer than several buffers
        int padding = random.nextInt(10) == 0 ? random.nextInt(700) : random.nextInt(20);
        return subpartition + "-" + sequence + "-" + "x".repeat(padding);
    }

    @Test
    void blockingPartitionIsReadFromDiskWholeLocallyAndRemotelyAsOftenAsAsked(@TempDir Path spillDir) throws Exception {
        Side producerSide = side(128);
        Side consumerSide = side(128);
        int subpartitions = 3;
        IOManager io = new IOManager(List.of(spillDir));
        toClose.add(io);
        BlockingResultPartition partition = new BlockingResultPartition(
                new ResultPartitionId(ExecutionAttemptId.generate(), 0), "job", subpartitions,
                producerSide.memory.createPool("producer", 4), producerSide.memory, io, "producer (1/1)");
        List<List<String>> sent = new ArrayList<>();
        for (int s = 0; s < subpartitions; s++) {
            sent.add(new ArrayList<>());
        }
        // a pool of 4 buffers for 3000 records: the producer never waits for a consumer, the disk takes it all
        RecordWriter<String> writer = new RecordWriter<>(partition, strings(), new ByFirstDigit(), false, () -> false);
        Random random = new Random(7);
        for (int i = 0; i < 3000; i++) {
            int s = random.nextInt(subpartitions);
            String r = record(s, i, random);
            sent.get(s).add(r);
            writer.emit(r, Output.NO_TIMESTAMP);
        }
        writer.finish(false);
        partition.finishWriting();
        assertEquals(producerSide.memory.getTotalSegments(), producerSide.memory.getAvailableSegments(),
                "a written blocking partition holds no network memory");
        assertEquals(subpartitions, io.fileCount(partition));
        producerSide.registry.register(partition);

        for (int pass = 0; pass < 2; pass++) { // a restarted consumer reads it all again
            List<InputChannel> channels = new ArrayList<>();
            for (int s = 0; s < subpartitions; s++) {
                channels.add(consumerSide.remote(partition.getId(), s, producerSide));
            }
            assertEquals(sent, readAll(channels), "remote pass " + pass);
        }
        List<InputChannel> local = new ArrayList<>();
        for (int s = 0; s < subpartitions; s++) {
            local.add(producerSide.exchange.openChannel(partition.getId(), s, null, "local consumer").join());
        }
        assertEquals(sent, readAll(local), "local pass");

        producerSide.registry.release(partition.getId());
        assertEquals(0, io.fileCount(partition));
        try (Stream<Path> files = Files.walk(spillDir)) {
            assertEquals(List.of(), files.filter(Files::isRegularFile).toList());
        }
        await(() -> producerSide.memory.getAvailableSegments() == producerSide.memory.getTotalSegments()
                && consumerSide.memory.getAvailableSegments() == consumerSide.memory.getTotalSegments(),
                "every reader gave its buffers back");
    }

    /** Reads the channels to their end of partition, records per channel; closes them. */
    private static List<List<String>> readAll(List<InputChannel> channels) throws Exception {
        InputGate gate = new InputGate(channels.stream().map(InputChannel::subpartition).toArray(ResultSubpartition[]::new));
        Recorder recorder = new Recorder(channels.size());
        StreamInputReader reader = reader(gate, recorder);
        gate.start();
        readToEnd(gate, reader, () -> {});
        channels.forEach(InputChannel::close);
        return recorder.records;
    }

    @Test
    void recordsSpanningBuffersArriveExactlyAndInOrderOnEverySubpartition() throws Exception {
        Side producerSide = side(128);
        Side consumerSide = side(128);
        int subpartitions = 3;
        ResultPartition partition = producerSide.partition(subpartitions, 8);
        RemoteInputChannel[] channels = new RemoteInputChannel[subpartitions];
        ResultSubpartition[] mirrors = new ResultSubpartition[subpartitions];
        for (int s = 0; s < subpartitions; s++) {
            channels[s] = consumerSide.remote(partition.getId(), s, producerSide);
            mirrors[s] = channels[s].subpartition();
        }
        List<List<String>> sent = new ArrayList<>();
        for (int s = 0; s < subpartitions; s++) {
            sent.add(new ArrayList<>());
        }
        CompletableFuture<Void> producer = produce(() -> {
            RecordWriter<String> writer = new RecordWriter<>(partition, strings(), new ByFirstDigit(), false,
                    () -> false);
            Random random = new Random(11);
            for (int i = 0; i < 5000; i++) {
                int s = random.nextInt(subpartitions);
                String r = record(s, i, random);
                sent.get(s).add(r);
                writer.emit(r, i);
                if (i % 1000 == 999) {
                    writer.broadcastEvent(StreamFormat.WATERMARK, i);
                }
            }
            writer.finish(false);
        });

        InputGate gate = new InputGate(mirrors);
        Recorder recorder = new Recorder(subpartitions);
        StreamInputReader reader = reader(gate, recorder);
        gate.start();
        readToEnd(gate, reader, () -> {});
        producer.join();

        assertEquals(sent, recorder.records);
        assertEquals(List.of(999L, 1999L, 2999L, 3999L, 4999L, Long.MAX_VALUE), recorder.watermarks);
        for (RemoteInputChannel c : channels) {
            c.close();
        }
        await(() -> consumerSide.memory.getAvailableSegments() == consumerSide.memory.getTotalSegments(),
                "the consumer's channels gave their memory back");
    }

    @Test
    void fullBuffersOfTheConfiguredSizeFitIntoOneFrame() throws Exception {
        Side producerSide = side(32 * 1024);
        Side consumerSide = side(32 * 1024);
        ResultPartition partition = producerSide.partition(1, 4);
        RemoteInputChannel channel = consumerSide.remote(partition.getId(), 0, producerSide);
        String big = "y".repeat(100_000); // fills several buffers to the last byte
        CompletableFuture<Void> producer = produce(() -> {
            RecordWriter<String> writer = new RecordWriter<>(partition, strings(), new ForwardPartitioner<>(), false,
                    () -> false);
            writer.emit(big, Output.NO_TIMESTAMP);
            writer.finish(false);
        });
        InputGate gate = new InputGate(new ResultSubpartition[] {channel.subpartition()});
        Recorder recorder = new Recorder(1);
        StreamInputReader reader = reader(gate, recorder);
        gate.start();
        readToEnd(gate, reader, () -> {});
        producer.join();
        assertEquals(List.of(big), recorder.records.get(0));
    }

    @Test
    void requestBeforeTheProducerRegistersWaitsForIt() throws Exception {
        Side producerSide = side(256);
        // the consumer's own timeout bounds only the acknowledgement, which comes before the partition
        Side consumerSide = side(256, Duration.ofMillis(200));
        ResultPartitionId id = new ResultPartitionId(ExecutionAttemptId.generate(), 0);
        RemoteInputChannel channel = consumerSide.remote(id, 0, producerSide);
        InputGate gate = new InputGate(new ResultSubpartition[] {channel.subpartition()});
        Recorder recorder = new Recorder(1);
        StreamInputReader reader = reader(gate, recorder);
        gate.start();
        assertEquals(StreamInputReader.Status.NOTHING_AVAILABLE, reader.processNext());
        Thread.sleep(600);
        assertEquals(StreamInputReader.Status.NOTHING_AVAILABLE, reader.processNext());

        ResultPartition partition = new PipelinedResultPartition(id, "job", 1, producerSide.memory.createPool("late", 4));
        producerSide.registry.register(partition);
        RecordWriter<String> writer = new RecordWriter<>(partition, strings(), new ForwardPartitioner<>(), false,
                () -> false);
        writer.emit("late but there", Output.NO_TIMESTAMP);
        writer.finish(false);

        readToEnd(gate, reader, () -> {});
        assertEquals(List.of("late but there"), recorder.records.get(0));
    }

    @Test
    void requestForAPartitionThatNeverAppearsFailsAfterTheTimeout() throws Exception {
        Side producerSide = side(256, Duration.ofMillis(200));
        Side consumerSide = side(256);
        ResultPartitionId id = new ResultPartitionId(ExecutionAttemptId.generate(), 0);
        RemoteInputChannel channel = consumerSide.remote(id, 0, producerSide);
        InputGate gate = new InputGate(new ResultSubpartition[] {channel.subpartition()});
        StreamInputReader reader = reader(gate, new Recorder(1));
        gate.start();

        IOException e = assertThrows(IOException.class, () -> readToEnd(gate, reader, () -> {}));
        assertEquals("remote partition " + id + "#0 at 127.0.0.1:" + producerSide.address.getPort() + " failed: "
                + "this TaskManager has no partition " + id + ": its producer did not register it within 200 ms "
                + "(the producer failed or was cancelled before it started, or runs on another TaskManager; "
                + "if producers start slowly, raise taskmanager.network.request-timeout)", e.getMessage());
    }

    @Test
    void peerThatAcceptsButNeverAnswersFailsTheChannelAfterTheRequestTimeout() throws Exception {
        Side consumerSide = side(256, Duration.ofMillis(300));
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return silent.accept();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            ResultPartitionId id = new ResultPartitionId(ExecutionAttemptId.generate(), 0);
            RemoteInputChannel channel = (RemoteInputChannel) consumerSide.exchange.openChannel(id, 2,
                    new InetSocketAddress("127.0.0.1", silent.getLocalPort()), "consumer").join();
            InputGate gate = new InputGate(new ResultSubpartition[] {channel.subpartition()});
            StreamInputReader reader = reader(gate, new Recorder(1));
            gate.start();

            // a second channel on the same connection, opened later, fails with the first
            RemoteInputChannel second = (RemoteInputChannel) consumerSide.exchange.openChannel(id, 3,
                    new InetSocketAddress("127.0.0.1", silent.getLocalPort()), "consumer").join();

            IOException e = assertThrows(IOException.class, () -> readToEnd(gate, reader, () -> {}));
            String address = "127.0.0.1:" + silent.getLocalPort();
            String why = "the producer's TaskManager did not answer the partition request within 300 ms: is a "
                    + "TaskManager of this cluster listening at " + address + "? Another process may have taken its "
                    + "taskmanager.data.port, or a proxy or firewall swallows the connection";
            assertEquals("remote partition " + id + "#2 at " + address + " failed: " + why, e.getMessage());
            InputGate secondGate = new InputGate(new ResultSubpartition[] {second.subpartition()});
            StreamInputReader secondReader = reader(secondGate, new Recorder(1));
            secondGate.start();
            IOException lost = assertThrows(IOException.class, () -> readToEnd(secondGate, secondReader, () -> {}));
            assertTrue(lost.getMessage().startsWith("remote partition " + id + "#3 at " + address + " failed: "),
                    lost.getMessage());
            assertTrue(lost.getMessage().contains(why), lost.getMessage());

            // the silent peer's connection was dropped: the next channel connects anew
            CompletableFuture<Socket> reconnected = CompletableFuture.supplyAsync(() -> {
                try {
                    return silent.accept();
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
            RemoteInputChannel third = (RemoteInputChannel) consumerSide.exchange.openChannel(id, 4,
                    new InetSocketAddress("127.0.0.1", silent.getLocalPort()), "consumer").join();
            reconnected.get(30, TimeUnit.SECONDS).close();
            channel.close();
            second.close();
            third.close();
            accepted.join().close();
        }
    }

    @Test
    void creditBoundsTheBuffersHeldOnBothSides() throws Exception {
        Side producerSide = side(128);
        Side consumerSide = side(128);
        int producerBuffers = 4;
        ResultPartition partition = producerSide.partition(1, producerBuffers);
        RemoteInputChannel channel = consumerSide.remote(partition.getId(), 0, producerSide);
        int records = 200;
        AtomicInteger emitted = new AtomicInteger();
        Thread[] producerThread = new Thread[1];
        CompletableFuture<Void> producer = produce(() -> {
            producerThread[0] = Thread.currentThread();
            // flushing after every record makes one buffer per record
            RecordWriter<String> writer = new RecordWriter<>(partition, strings(), new ForwardPartitioner<>(), true,
                    () -> false);
            for (int i = 0; i < records; i++) {
                writer.emit("record " + i, Output.NO_TIMESTAMP);
                emitted.incrementAndGet();
            }
            writer.finish(false);
        });

        // nobody reads: the producer fills the consumer's credit, then its own pool, then blocks
        await(() -> channel.buffersInUse() == CREDITS
                && partition.getBufferPool().inUse() == producerBuffers
                && producerThread[0] != null && producerThread[0].getState() == Thread.State.WAITING,
                "the producer blocks for lack of buffers");
        assertEquals(producerBuffers + CREDITS, emitted.get());
        assertEquals(CREDITS, channel.subpartition().queuedBuffers());
        assertFalse(producer.isDone());

        InputGate gate = new InputGate(new ResultSubpartition[] {channel.subpartition()});
        Recorder recorder = new Recorder(1);
        StreamInputReader reader = reader(gate, recorder);
        gate.start();
        readToEnd(gate, reader, () -> assertTrue(channel.buffersInUse() <= CREDITS, "held beyond credit"));
        producer.join();
        assertEquals(records, recorder.count());
    }

    @Test
    void slowConsumerAndFastProducerFinishWithBoundedPools() throws Exception {
        Side producerSide = side(256);
        Side consumerSide = side(256);
        int producerBuffers = 6;
        ResultPartition partition = producerSide.partition(2, producerBuffers);
        RemoteInputChannel[] channels = {consumerSide.remote(partition.getId(), 0, producerSide),
            consumerSide.remote(partition.getId(), 1, producerSide)};
        int records = 50_000;
        CompletableFuture<Void> producer = produce(() -> {
            RecordWriter<String> writer = new RecordWriter<>(partition, strings(), new ByFirstDigit(), false,
                    () -> false);
            for (int i = 0; i < records; i++) {
                writer.emit((i % 2) + " record " + i, i);
            }
            writer.finish(false);
        });
        int producerSegmentsAtMost = producerSide.memory.getTotalSegments() - producerSide.memory.getAvailableSegments();
        assertEquals(producerBuffers, producerSegmentsAtMost);

        InputGate gate = new InputGate(new ResultSubpartition[] {channels[0].subpartition(), channels[1].subpartition()});
        Recorder recorder = new Recorder(2);
        StreamInputReader reader = reader(gate, recorder);
        gate.start();
        int[] elements = {0};
        readToEnd(gate, reader, () -> {
            for (RemoteInputChannel c : channels) {
                assertTrue(c.buffersInUse() <= CREDITS, "held beyond credit");
            }
            assertTrue(partition.getBufferPool().inUse() <= producerBuffers);
            if (++elements[0] % 2000 == 0) {
                LockSupport.parkNanos(2_000_000); // a slow consumer
            }
        });
        producer.join();
        assertEquals(records, recorder.count());
        assertEquals(2 * CREDITS,
                consumerSide.memory.getTotalSegments() - consumerSide.memory.getAvailableSegments(),
                "the consumer side reserved only its channels' credit");
    }

    @Test
    void producerFailureSurfacesOnTheConsumerNamingPartitionAndAddress() throws Exception {
        Side producerSide = side(256);
        Side consumerSide = side(256);
        ResultPartition partition = producerSide.partition(1, 4);
        RemoteInputChannel channel = consumerSide.remote(partition.getId(), 0, producerSide);
        InputGate gate = new InputGate(new ResultSubpartition[] {channel.subpartition()});
        Recorder recorder = new Recorder(1);
        StreamInputReader reader = reader(gate, recorder);
        gate.start();
        RecordWriter<String> writer = new RecordWriter<>(partition, strings(), new ForwardPartitioner<>(), true,
                () -> false);
        writer.emit("before the failure", Output.NO_TIMESTAMP);
        await(() -> channel.subpartition().queuedBuffers() == 1, "the first buffer arrived");

        partition.release(); // what a failing producer task does

        IOException e = assertThrows(IOException.class, () -> readToEnd(gate, reader, () -> {}));
        assertEquals(List.of("before the failure"), recorder.records.get(0), "data sent before is delivered");
        assertTrue(e.getMessage().contains("remote partition " + partition.getId()), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:" + producerSide.address.getPort()), e.getMessage());
        assertTrue(e.getMessage().contains("released"), e.getMessage());
    }

    @Test
    void lostConnectionSurfacesOnTheConsumer() throws Exception {
        Side producerSide = side(256);
        Side consumerSide = side(256);
        ResultPartition partition = producerSide.partition(1, 4);
        RemoteInputChannel channel = consumerSide.remote(partition.getId(), 0, producerSide);
        InputGate gate = new InputGate(new ResultSubpartition[] {channel.subpartition()});
        StreamInputReader reader = reader(gate, new Recorder(1));
        gate.start();
        new RecordWriter<>(partition, strings(), new ForwardPartitioner<>(), true, () -> false)
                .emit("proves the connection is up", Output.NO_TIMESTAMP);
        await(() -> channel.subpartition().queuedBuffers() == 1, "the first buffer arrived");

        producerSide.close(); // the producer's TaskManager goes away

        IOException e = assertThrows(IOException.class, () -> readToEnd(gate, reader, () -> {}));
        assertTrue(e.getMessage().contains(partition.getId().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:" + producerSide.address.getPort()), e.getMessage());
        assertTrue(e.getMessage().contains("connection was lost"), e.getMessage());
    }

    @Test
    void unreachableProducerSurfacesOnTheConsumer() throws Exception {
        Side consumerSide = side(256);
        ResultPartitionId id = new ResultPartitionId(ExecutionAttemptId.generate(), 0);
        // port 1 on loopback: nothing listens there (a just-closed ephemeral port may be taken by anyone)
        RemoteInputChannel channel = (RemoteInputChannel) consumerSide.exchange.openChannel(id, 0,
                new InetSocketAddress("127.0.0.1", 1), "consumer").join();
        InputGate gate = new InputGate(new ResultSubpartition[] {channel.subpartition()});
        StreamInputReader reader = reader(gate, new Recorder(1));
        gate.start();

        IOException e = assertThrows(IOException.class, () -> readToEnd(gate, reader, () -> {}));
        assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
        assertTrue(e.getMessage().contains("is the producer's TaskManager running"), e.getMessage());
    }

    @Test
    void garbageClosesOnlyItsOwnConnection() throws Exception {
        Side producerSide = side(256);
        Side consumerSide = side(256);
        ResultPartition partition = producerSide.partition(1, 4);
        RemoteInputChannel channel = consumerSide.remote(partition.getId(), 0, producerSide);

        for (byte[] garbage : new byte[][] {
            "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(), // a huge length field
            {0, 0, 0, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9}, // a small frame with the wrong magic number
        }) {
            try (Socket socket = new Socket(producerSide.address.getAddress(), producerSide.address.getPort())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(garbage);
                out.flush();
                InputStream in = socket.getInputStream();
                assertEquals(-1, in.read(), "the server closes a connection that sends garbage");
            }
        }

        RecordWriter<String> writer = new RecordWriter<>(partition, strings(), new ForwardPartitioner<>(), false,
                () -> false);
        writer.emit("still served", Output.NO_TIMESTAMP);
        writer.finish(false);
        InputGate gate = new InputGate(new ResultSubpartition[] {channel.subpartition()});
        Recorder recorder = new Recorder(1);
        StreamInputReader reader = reader(gate, recorder);
        gate.start();
        readToEnd(gate, reader, () -> {});
        assertEquals(List.of("still served"), recorder.records.get(0));
    }

    @Test
    void channelsToOneTaskManagerShareOneConnection() throws Exception {
        Side producerSide = side(256);
        Side consumerSide = side(256);
        ResultPartition partition = producerSide.partition(3, 6);
        for (int s = 0; s < 3; s++) {
            consumerSide.remote(partition.getId(), s, producerSide).subpartition();
        }
        assertEquals(1, consumerSide.exchange.client().connectionCount());
    }
}
