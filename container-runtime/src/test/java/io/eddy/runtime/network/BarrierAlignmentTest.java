package io.eddy.runtime.network;

import io.eddy.api.operators.Output;
import io.eddy.api.partitioning.ForwardPartitioner;
import io.eddy.api.types.Types;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.checkpoint.CheckpointOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two channels into one reader: what the snapshot sees with and without alignment. */
class BarrierAlignmentTest {

    /** Sent with every barrier here: they travel in-band and must arrive unchanged. */
    private static final CheckpointOptions OPTIONS = new CheckpointOptions(CheckpointOptions.Type.STOP_SAVEPOINT,
            "hdfs://nn/savepoints", "hdfs://nn/savepoints/savepoint-0a1b2c-3d4e5f", true);

    /** Records what arrives, "snapshot-<id>" where the handler snapshots, and each alignment time. */
    private static final class Recorder implements ElementHandler {
        final List<String> events = new ArrayList<>();
        final List<Long> alignmentNanos = new ArrayList<>();

        @Override
        public void processRecord(int input, Object record, long timestamp) {
            events.add((String) record);
        }

        @Override
        public void processWatermark(long watermark) {}

        @Override
        public void processWatermarkStatus(boolean idle) {}

        @Override
        public void processCheckpointBarrier(long checkpointId, long timestamp, CheckpointOptions options,
                long alignmentNanos) {
            this.alignmentNanos.add(alignmentNanos);
            events.add("snapshot-" + checkpointId + (options.equals(OPTIONS) ? "" : " with other options: " + options));
        }
    }

    private final NetworkBufferPool global = new NetworkBufferPool(64, 256);

    private RecordWriter<String> writer(ResultPartition partition) {
        return new RecordWriter<>(partition, Types.STRING.createSerializer(new SerializerConfig()),
                new ForwardPartitioner<>(), false, () -> false);
    }

    private ResultPartition partition(String name) {
        return new ResultPartition(new ResultPartitionId(ExecutionAttemptId.generate(), 0), "job", 1,
                global.createPool(name, 8));
    }

    /** Two producers, each with one subpartition, read by one reader on this thread. */
    private final class TwoChannels {
        final RecordWriter<String> w1;
        final RecordWriter<String> w2;
        final Recorder recorder = new Recorder();
        final StreamInputReader reader;

        TwoChannels(boolean align) {
            ResultPartition p1 = partition("one");
            ResultPartition p2 = partition("two");
            w1 = writer(p1);
            w2 = writer(p2);
            InputGate gate = new InputGate(new ResultSubpartition[] {p1.getSubpartition(0), p2.getSubpartition(0)});
            TypeSerializer<?> strings = Types.STRING.createSerializer(new SerializerConfig());
            reader = new StreamInputReader(gate, new TypeSerializer<?>[] {strings, strings.duplicate()}, new int[2],
                    recorder, align);
            gate.start(Thread.currentThread());
        }

        /** Reads until no buffer is available. */
        void readAvailable() throws Exception {
            while (reader.processNext() == StreamInputReader.Status.MORE) {
                // next
            }
        }

        void readToEnd() throws Exception {
            while (reader.processNext() != StreamInputReader.Status.END) {
                // next
            }
        }
    }

    private List<String> run(boolean align) throws Exception {
        TwoChannels two = new TwoChannels(align);
        RecordWriter<String> w1 = two.w1;
        RecordWriter<String> w2 = two.w2;

        // channel 1: a, barrier, b (in the same buffer as the barrier), then c in a later buffer
        w1.emit("a", Output.NO_TIMESTAMP);
        w1.broadcastBarrier(1, 0, OPTIONS);
        w1.emit("b", Output.NO_TIMESTAMP);
        w1.flushAll();
        w1.emit("c", Output.NO_TIMESTAMP);
        w1.flushAll();
        w2.emit("x", Output.NO_TIMESTAMP);
        w2.flushAll();
        two.readAvailable();
        // the barrier of channel 2 comes late
        w2.broadcastBarrier(1, 0, OPTIONS);
        w2.emit("y", Output.NO_TIMESTAMP);
        w1.finish(false);
        w2.finish(false);
        two.readToEnd();
        return two.recorder.events;
    }

    @Test
    void alignedChannelIsHeldBackUntilTheBarrierArrivedOnAllChannels() throws Exception {
        List<String> events = run(true);
        int snapshot = events.indexOf("snapshot-1");
        assertEquals(List.of("a", "x"), events.subList(0, snapshot).stream().sorted().toList());
        assertEquals(List.of("b", "c", "y"), events.subList(snapshot + 1, events.size()).stream().sorted().toList());
        // channel 1 keeps its order across the held-back buffers
        assertEquals(List.of("b", "c"), events.stream().filter(e -> e.equals("b") || e.equals("c")).toList());
    }

    @Test
    void withoutAlignmentRecordsAfterTheBarrierFlowOn() throws Exception {
        List<String> events = run(false);
        int snapshot = events.indexOf("snapshot-1");
        assertEquals(List.of("a", "b", "c", "x"), events.subList(0, snapshot).stream().sorted().toList());
        assertEquals(List.of("y"), events.subList(snapshot + 1, events.size()));
    }

    @Test
    void alignmentTimeRunsFromTheFirstBarrierToTheLast() throws Exception {
        for (boolean align : new boolean[] {true, false}) {
            TwoChannels two = new TwoChannels(align);
            two.w1.broadcastBarrier(1, 0, OPTIONS);
            two.w1.flushAll();
            two.readAvailable(); // the first barrier arrives
            long firstRead = System.nanoTime();
            Thread.sleep(50);
            two.w2.emit("x", Output.NO_TIMESTAMP);
            long lastSent = System.nanoTime();
            two.w2.broadcastBarrier(1, 0, OPTIONS);
            two.w1.finish(false);
            two.w2.finish(false);
            two.readToEnd();
            assertEquals(List.of("x", "snapshot-1"), two.recorder.events);
            long alignment = two.recorder.alignmentNanos.get(0);
            assertTrue(alignment >= lastSent - firstRead, "aligned " + align + ": " + alignment + " ns");
            assertTrue(alignment >= TimeUnit.MILLISECONDS.toNanos(50), "aligned " + align + ": " + alignment + " ns");
        }
    }

    @Test
    void withOneChannelThereIsNoAlignment() throws Exception {
        ResultPartition p = partition("one");
        RecordWriter<String> w = writer(p);
        InputGate gate = new InputGate(new ResultSubpartition[] {p.getSubpartition(0)});
        Recorder recorder = new Recorder();
        StreamInputReader reader = new StreamInputReader(gate,
                new TypeSerializer<?>[] {Types.STRING.createSerializer(new SerializerConfig())}, new int[1], recorder);
        gate.start(Thread.currentThread());
        w.emit("a", Output.NO_TIMESTAMP);
        w.broadcastBarrier(1, 0, OPTIONS);
        w.broadcastBarrier(2, 0, OPTIONS);
        w.finish(false);
        while (reader.processNext() != StreamInputReader.Status.END) {
            // read to the end
        }
        assertEquals(List.of("a", "snapshot-1", "snapshot-2"), recorder.events);
        assertEquals(List.of(0L, 0L), recorder.alignmentNanos);
    }

    @Test
    void withoutAlignmentAnEndedChannelDoesNotCompleteTheBarrier() throws Exception {
        TwoChannels two = new TwoChannels(false);
        two.w1.broadcastBarrier(1, 0, OPTIONS);
        two.w1.finish(false);
        two.readAvailable(); // channel 1: barrier, then its end
        two.w2.emit("x", Output.NO_TIMESTAMP);
        two.w2.broadcastBarrier(1, 0, OPTIONS);
        two.w2.finish(false);
        two.readToEnd();
        assertEquals(List.of("x", "snapshot-1"), two.recorder.events);
    }
}
