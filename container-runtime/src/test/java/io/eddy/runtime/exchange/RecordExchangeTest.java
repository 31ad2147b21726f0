package io.eddy.runtime.exchange;

import io.eddy.api.operators.Output;
import io.eddy.api.partitioning.ForwardPartitioner;
import io.eddy.api.partitioning.RebalancePartitioner;
import io.eddy.api.types.Types;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.checkpoint.CheckpointOptions;
import io.eddy.runtime.execution.ExecutionAttemptId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writer → subpartitions → gate → reader in one thread, with buffers small enough to force spanning. */
class RecordExchangeTest {

    /** Collects what the reader decodes. */
    private static class Recorder implements ElementHandler {
        final List<String> records = new ArrayList<>();
        final List<Long> timestamps = new ArrayList<>();
        final List<Long> watermarks = new ArrayList<>();

        @Override
        public void processRecord(int input, Object record, long timestamp) {
            records.add((String) record);
            timestamps.add(timestamp);
        }

        final List<Boolean> idleStatuses = new ArrayList<>();

        @Override
        public void processWatermark(long watermark) {
            watermarks.add(watermark);
        }

        @Override
        public void processWatermarkStatus(boolean idle) {
            idleStatuses.add(idle);
        }
    }

    private static TypeSerializer<String> strings() {
        return Types.STRING.createSerializer(new SerializerConfig());
    }

    private static StreamInputReader reader(InputGate gate, int channels, Recorder recorder) {
        TypeSerializer<?>[] serializers = new TypeSerializer<?>[channels];
        for (int i = 0; i < channels; i++) {
            serializers[i] = strings();
        }
        return new StreamInputReader(gate, serializers, new int[channels], recorder);
    }

    private static void drain(StreamInputReader reader) throws Exception {
        StreamInputReader.Status s;
        while ((s = reader.processNext()) == StreamInputReader.Status.MORE) {
            // keep reading
        }
        assertEquals(StreamInputReader.Status.END, s);
    }

    @Test
    void recordsOfAnySizeCrossBuffersIntact() throws Exception {
        NetworkBufferPool global = new NetworkBufferPool(64, 128);
        ResultPartition partition = new PipelinedResultPartition(new ResultPartitionId(ExecutionAttemptId.generate(), 0),
                "job", 1, global.createPool("test", 64));
        RecordWriter<String> writer = new RecordWriter<>(partition, strings(), new ForwardPartitioner<>(), false,
                () -> false);
        InputGate gate = new InputGate(new ResultSubpartition[] {partition.getSubpartition(0)});
        Recorder recorder = new Recorder();
        StreamInputReader reader = reader(gate, 1, recorder);
        gate.start();

        Random random = new Random(7);
        List<String> sent = new ArrayList<>();
        List<Long> stamps = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            // mostly small records, some several buffers long
            int length = random.nextInt(10) == 0 ? random.nextInt(600) : random.nextInt(20);
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < length; c++) {
                sb.append((char) ('a' + random.nextInt(26)));
            }
            String record = sb.toString();
            long ts = random.nextBoolean() ? Output.NO_TIMESTAMP : random.nextLong();
            sent.add(record);
            stamps.add(ts);
            writer.emit(record, ts);
            if (i % 100 == 0) {
                writer.broadcastEvent(StreamFormat.WATERMARK, i);
            }
            // keep the bounded pool from running dry: consume as we go
            while (reader.processNext() == StreamInputReader.Status.MORE) {
                // keep reading
            }
        }
        writer.finish(false);
        drain(reader);

        assertEquals(sent, recorder.records);
        assertEquals(stamps, recorder.timestamps);
        List<Long> expectedWatermarks = new ArrayList<>();
        for (long w = 0; w < 2000; w += 100) {
            expectedWatermarks.add(w);
        }
        expectedWatermarks.add(Long.MAX_VALUE); // end of partition releases the watermark
        assertEquals(expectedWatermarks, recorder.watermarks);
    }

    @Test
    void anExhaustedWriterTellsItsTaskSendsABarrierWithoutABufferAndItsFutureCompletesOnRecycle() throws Exception {
        NetworkBufferPool global = new NetworkBufferPool(8, 64);
        ResultPartition partition = new PipelinedResultPartition(new ResultPartitionId(ExecutionAttemptId.generate(), 0),
                "job", 1, global.createPool("test", 2));
        int[] exhausted = {0};
        RecordWriter<String> writer = new RecordWriter<>(partition, strings(), new ForwardPartitioner<>(), true,
                pool -> {
                    throw new AssertionError("the writer waited for a buffer");
                }, () -> exhausted[0]++);
        List<Long> barriers = new ArrayList<>();
        Recorder recorder = new Recorder() {
            @Override
            public void processCheckpointBarrier(long checkpointId, long timestamp,
                    CheckpointOptions options, long alignmentNanos) {
                barriers.add(checkpointId);
            }
        };
        InputGate gate = new InputGate(new ResultSubpartition[] {partition.getSubpartition(0)});
        StreamInputReader reader = reader(gate, 1, recorder);
        gate.start();

        writer.emit("a", Output.NO_TIMESTAMP);
        assertEquals(0, exhausted[0]);
        writer.emit("b", Output.NO_TIMESTAMP);
        assertEquals(1, exhausted[0], "the second buffer was the pool's last");
        CompletableFuture<Void> available = writer.getAvailableFuture();
        assertTrue(available != null && !available.isDone());
        assertTrue(gate.getAvailableFuture() == null, "the gate has data");

        writer.broadcastBarrier(7, 0, new CheckpointOptions(
                CheckpointOptions.Type.CHECKPOINT, "dir", "loc", false));

        assertEquals(StreamInputReader.Status.MORE, reader.processNext());
        assertEquals(StreamInputReader.Status.MORE, reader.processNext()); // "a" read, its buffer recycled
        assertTrue(available.isDone(), "a recycled buffer completes the writer's future");
        assertTrue(writer.getAvailableFuture() == null);
        while (reader.processNext() == StreamInputReader.Status.MORE) {
            // the rest: "b" and the barrier
        }
        assertEquals(List.of("a", "b"), recorder.records);
        assertEquals(List.of(7L), barriers);
        CompletableFuture<Void> gateAvailable = gate.getAvailableFuture();
        assertTrue(gateAvailable != null && !gateAvailable.isDone(), "everything read: the gate waits");
        writer.emit("c", Output.NO_TIMESTAMP);
        assertTrue(gateAvailable.isDone(), "new data completes the gate's future");
    }

    @Test
    void aRecordLargerThanThePoolGoesOutWholeWithoutWaitingAndReadsBackExactly() throws Exception {
        NetworkBufferPool global = new NetworkBufferPool(8, 64);
        ResultPartition partition = new PipelinedResultPartition(new ResultPartitionId(ExecutionAttemptId.generate(), 0),
                "job", 1, global.createPool("test", 2));
        // "cancelled" from the start: a writer that waited for a buffer would throw instead of hanging the test
        RecordWriter<String> writer = new RecordWriter<>(partition, strings(), new ForwardPartitioner<>(), false,
                () -> true);
        Recorder recorder = new Recorder();
        InputGate gate = new InputGate(new ResultSubpartition[] {partition.getSubpartition(0)});
        StreamInputReader reader = reader(gate, 1, recorder);
        gate.start();
        StringBuilder large = new StringBuilder();
        for (int i = 0; large.length() < 2_000; i++) {
            large.append(i).append(',');
        }

        writer.emit("small", Output.NO_TIMESTAMP);
        // about 32 buffers of 64 bytes while the pool holds 2 and nobody reads: before, this waited for a
        // consumer (and here, cancelled, threw); now the parts after the first are overdrawn
        writer.emit(large.toString(), 42L);
        assertEquals(2, partition.getBufferPool().inUse(), "the pool's own buffers are all in flight");
        writer.flushAll();

        while (reader.processNext() == StreamInputReader.Status.MORE) {
            // everything sent so far
        }
        assertEquals(List.of("small", large.toString()), recorder.records);
        assertEquals(List.of(Output.NO_TIMESTAMP, 42L), recorder.timestamps);
        assertEquals(0, partition.getBufferPool().inUse(), "every pooled buffer came back; overdraft ones are dropped");
        writer.finish(false);
        drain(reader);
    }

    /** Two producers, each writing one channel of the same reader. */
    private record TwoChannels(RecordWriter<String> w1, RecordWriter<String> w2, Recorder recorder,
            StreamInputReader reader) {}

    private static TwoChannels twoChannels() {
        NetworkBufferPool global = new NetworkBufferPool(64, 256);
        ResultPartition p1 = new PipelinedResultPartition(new ResultPartitionId(ExecutionAttemptId.generate(), 0), "job", 1,
                global.createPool("a", 8));
        ResultPartition p2 = new PipelinedResultPartition(new ResultPartitionId(ExecutionAttemptId.generate(), 0), "job", 1,
                global.createPool("b", 8));
        InputGate gate = new InputGate(new ResultSubpartition[] {p1.getSubpartition(0), p2.getSubpartition(0)});
        Recorder recorder = new Recorder();
        StreamInputReader reader = reader(gate, 2, recorder);
        gate.start();
        return new TwoChannels(new RecordWriter<>(p1, strings(), new ForwardPartitioner<>(), true, () -> false),
                new RecordWriter<>(p2, strings(), new ForwardPartitioner<>(), true, () -> false), recorder, reader);
    }

    @Test
    void watermarkIsTheMinimumOverChannels() throws Exception {
        TwoChannels channels = twoChannels();
        RecordWriter<String> w1 = channels.w1();
        RecordWriter<String> w2 = channels.w2();
        Recorder recorder = channels.recorder();
        StreamInputReader reader = channels.reader();

        w1.broadcastEvent(StreamFormat.WATERMARK, 10);
        w1.flushAll();
        while (reader.processNext() == StreamInputReader.Status.MORE) {
            // keep reading
        }
        assertEquals(List.of(), recorder.watermarks, "channel 2 has no watermark yet");
        w2.broadcastEvent(StreamFormat.WATERMARK, 5);
        w2.flushAll();
        while (reader.processNext() == StreamInputReader.Status.MORE) {
            // keep reading
        }
        assertEquals(List.of(5L), recorder.watermarks);
        w2.finish(false);
        while (reader.processNext() == StreamInputReader.Status.MORE) {
            // keep reading
        }
        assertEquals(List.of(5L, 10L), recorder.watermarks, "an ended channel no longer holds the watermark back");
        w1.finish(false);
        drain(reader);
        assertEquals(List.of(5L, 10L, Long.MAX_VALUE), recorder.watermarks);
    }

    @Test
    void idleChannelDoesNotHoldBackTheWatermark() throws Exception {
        TwoChannels channels = twoChannels();
        RecordWriter<String> w1 = channels.w1();
        RecordWriter<String> w2 = channels.w2();
        Recorder recorder = channels.recorder();
        StreamInputReader reader = channels.reader();

        w1.broadcastEvent(StreamFormat.WATERMARK, 10);
        w2.broadcastEvent(StreamFormat.WATERMARK_STATUS, 1);
        w1.flushAll();
        w2.flushAll();
        readAvailable(reader);
        assertEquals(List.of(10L), recorder.watermarks, "the idle channel is ignored");
        assertEquals(List.of(), recorder.idleStatuses, "one channel is still active");

        w1.broadcastEvent(StreamFormat.WATERMARK_STATUS, 1);
        w1.flushAll();
        readAvailable(reader);
        assertEquals(List.of(true), recorder.idleStatuses, "all channels idle");

        w2.broadcastEvent(StreamFormat.WATERMARK_STATUS, 0);
        w2.broadcastEvent(StreamFormat.WATERMARK, 7);
        w2.broadcastEvent(StreamFormat.WATERMARK, 12);
        w2.flushAll();
        readAvailable(reader);
        assertEquals(List.of(true, false), recorder.idleStatuses);
        assertEquals(List.of(10L, 12L), recorder.watermarks, "the watermark never goes back");
    }

    private static void readAvailable(StreamInputReader reader) throws Exception {
        while (reader.processNext() == StreamInputReader.Status.MORE) {
            // keep reading
        }
    }

    @Test
    void rebalanceSpreadsOverSubpartitions() throws Exception {
        NetworkBufferPool global = new NetworkBufferPool(64, 1024);
        ResultPartition partition = new PipelinedResultPartition(new ResultPartitionId(ExecutionAttemptId.generate(), 0),
                "job", 3, global.createPool("r", 16));
        RecordWriter<String> writer = new RecordWriter<>(partition, strings(), new RebalancePartitioner<>(), false,
                () -> false);
        for (int i = 0; i < 30; i++) {
            writer.emit("r" + i, Output.NO_TIMESTAMP);
        }
        writer.finish(false);
        for (int s = 0; s < 3; s++) {
            InputGate gate = new InputGate(new ResultSubpartition[] {partition.getSubpartition(s)});
            Recorder recorder = new Recorder();
            StreamInputReader reader = reader(gate, 1, recorder);
            gate.start();
            drain(reader);
            assertEquals(10, recorder.records.size());
        }
    }

    @Test
    void tooLittleNetworkMemoryFailsWithTheOptionToRaise() {
        NetworkBufferPool global = new NetworkBufferPool(10, 32 * 1024);
        global.createPool("first", 8);
        InsufficientNetworkMemoryException e = assertThrows(InsufficientNetworkMemoryException.class,
                () -> global.createPool("Map (1/2) output 0", 5));
        assertTrue(e.getMessage().contains("Map (1/2) output 0"), e.getMessage());
        assertTrue(e.getMessage().contains("taskmanager.memory.network"), e.getMessage());
    }

    /** A partition holding {@code prefix + i} for i below {@code records}, written to its end. */
    private static ResultPartition written(NetworkBufferPool global, String prefix, int records) throws Exception {
        ResultPartition partition = new PipelinedResultPartition(new ResultPartitionId(ExecutionAttemptId.generate(), 0),
                "job", 1, global.createPool(prefix, 40));
        RecordWriter<String> writer = new RecordWriter<>(partition, strings(), new ForwardPartitioner<>(), false,
                () -> false);
        for (int i = 0; i < records; i++) {
            writer.emit(prefix + i, Output.NO_TIMESTAMP);
        }
        writer.finish(false);
        return partition;
    }

    @Test
    void anInputReadFirstEndsBeforeAnyRecordOfTheOtherAndEachInputsEndIsReported() throws Exception {
        NetworkBufferPool global = new NetworkBufferPool(256, 128);
        // channel 0 belongs to input 0, channels 1 and 2 to input 1, which is read first
        ResultPartition[] partitions = {written(global, "a", 300), written(global, "b", 200), written(global, "c", 200)};
        InputGate gate = new InputGate(new ResultSubpartition[] {partitions[0].getSubpartition(0),
                partitions[1].getSubpartition(0), partitions[2].getSubpartition(0)});
        List<String> events = new ArrayList<>();
        Recorder recorder = new Recorder() {
            @Override
            public void processRecord(int input, Object record, long timestamp) {
                assertEquals(((String) record).startsWith("a") ? 0 : 1, input);
                events.add((String) record);
            }

            @Override
            public void endOfInput(int input) {
                events.add("end of input " + input);
            }
        };
        StreamInputReader reader = new StreamInputReader(gate, new TypeSerializer<?>[] {strings(), strings(), strings()},
                new int[] {0, 1, 1}, recorder);
        reader.readFirst(1);
        gate.start();
        drain(reader);

        int endOfFirst = events.indexOf("end of input 1");
        assertEquals(400, endOfFirst, "every record of input 1 comes before its end: " + events.subList(0, 10));
        assertTrue(events.subList(0, endOfFirst).stream().noneMatch(e -> e.startsWith("a")));
        List<String> second = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            second.add("a" + i);
        }
        second.add("end of input 0");
        assertEquals(second, events.subList(endOfFirst + 1, events.size()));
    }
}
