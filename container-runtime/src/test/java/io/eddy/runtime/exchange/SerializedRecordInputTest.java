package io.eddy.runtime.exchange;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.SegmentInputView;
import io.eddy.api.operators.Output;
import io.eddy.api.partitioning.ForwardPartitioner;
import io.eddy.api.types.Types;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.execution.ExecutionAttemptId;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A handler that takes records as their bytes gets exactly each record's bytes, whole even when it spans buffers. */
class SerializedRecordInputTest {
    private static final TypeSerializer<String> STRINGS = Types.STRING.createSerializer(new SerializerConfig());

    /** Enough 256-byte buffers for everything a test sends, since it is read only after it was all written. */
    private final NetworkBufferPool global = new NetworkBufferPool(128, 256);

    /** Takes the records as bytes, reads {@code skip} fewer than given, and deserializes them. */
    private static final class BytesHandler implements ElementHandler {
        final List<String> records = new ArrayList<>();
        final int skip;

        BytesHandler(int skip) {
            this.skip = skip;
        }

        @Override
        public boolean takesSerializedRecords(int input, TypeSerializer<?> serializer) {
            return serializer.equals(STRINGS);
        }

        @Override
        public void processSerializedRecord(int input, DataInputView in, int length) throws IOException {
            byte[] bytes = new byte[length - skip];
            in.readFully(bytes);
            records.add(skip == 0 ? STRINGS.deserialize(new SegmentInputView(bytes)) : "part of " + length);
        }

        @Override
        public void processRecord(int input, Object record, long timestamp) {
            throw new AssertionError("deserialized record " + record + " although bytes were asked for");
        }

        @Override
        public void processWatermark(long watermark) {}

        @Override
        public void processWatermarkStatus(boolean idle) {}
    }

    private StreamInputReader reader(List<String> sent, boolean timestamps, ElementHandler handler) throws Exception {
        ResultPartition partition = new PipelinedResultPartition(new ResultPartitionId(ExecutionAttemptId.generate(), 0),
                "job", 1, global.createPool("bytes", 64));
        RecordWriter<String> writer = new RecordWriter<>(partition, STRINGS, new ForwardPartitioner<>(), false, () -> false);
        InputGate gate = new InputGate(new ResultSubpartition[] {partition.getSubpartition(0)});
        StreamInputReader reader = new StreamInputReader(gate, new TypeSerializer<?>[] {STRINGS}, new int[1], handler);
        gate.start();
        for (int i = 0; i < sent.size(); i++) {
            writer.emit(sent.get(i), timestamps ? i : Output.NO_TIMESTAMP);
        }
        writer.finish(false);
        return reader;
    }

    private static void readToEnd(StreamInputReader reader) throws Exception {
        while (reader.processNext() != StreamInputReader.Status.END) {
            // next
        }
    }

    @Test
    void recordsWithAndWithoutTimestampsArriveAsTheirBytesAlsoAcrossBuffers() throws Exception {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            // every tenth record is longer than a 256-byte buffer
            sent.add(i % 10 == 3 ? "long-" + "x".repeat(700) + i : "r" + i);
        }
        for (boolean timestamps : new boolean[] {false, true}) {
            BytesHandler handler = new BytesHandler(0);
            readToEnd(reader(sent, timestamps, handler));
            assertEquals(sent, handler.records);
        }
    }

    @Test
    void aHandlerThatReadsFewerBytesThanTheRecordHasFailsTheInput() throws Exception {
        StreamInputReader reader = reader(List.of("abc"), false, new BytesHandler(1));
        IOException e = assertThrows(IOException.class, () -> readToEnd(reader));
        assertTrue(e.getMessage().contains("read fewer bytes than the record has"), e.getMessage());
    }
}
