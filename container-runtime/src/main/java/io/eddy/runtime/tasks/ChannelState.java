package io.eddy.runtime.tasks;

import io.eddy.runtime.checkpoint.CheckpointLocation;
import io.eddy.runtime.checkpoint.StateHandle;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The data in flight that an unaligned checkpoint stores for one subtask, as whole buffers in
 * channel order (so a restored buffer never splits an element's length field):
 * {@code inputs} per channel of the input gate, what the task read between its snapshot and that
 * channel's barrier; {@code outputs} per output and subpartition, what the task's barrier overtook.
 * On recovery the inputs are read before the channels' own data and the outputs are sent before
 * anything the task writes, so every record in flight at the checkpoint is processed exactly once.
 *
 * <p>File: {@code int inputs, per input: buffers}, then {@code int outputs, per output: int
 * subpartitions, per subpartition: buffers}, where buffers are {@code int count, per buffer: int
 * length, bytes}.
 */
record ChannelState(List<List<byte[]>> inputs, List<List<List<byte[]>>> outputs) {

    /** The asynchronous part: writes the state file. */
    StateHandle writeTo(CheckpointLocation location, long checkpointId) throws IOException {
        CheckpointLocation.StateOutputStream file = location.createStateOutput("channel-state-" + checkpointId);
        try {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(file));
            out.writeInt(inputs.size());
            for (List<byte[]> channel : inputs) {
                writeBuffers(out, channel);
            }
            out.writeInt(outputs.size());
            for (List<List<byte[]>> output : outputs) {
                out.writeInt(output.size());
                for (List<byte[]> subpartition : output) {
                    writeBuffers(out, subpartition);
                }
            }
            out.flush();
            return file.closeAndGetHandle();
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    static ChannelState read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        List<List<byte[]>> inputs = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            inputs.add(readBuffers(in));
        }
        List<List<List<byte[]>>> outputs = new ArrayList<>();
        for (int o = in.readInt(); o > 0; o--) {
            List<List<byte[]>> output = new ArrayList<>();
            for (int s = in.readInt(); s > 0; s--) {
                output.add(readBuffers(in));
            }
            outputs.add(output);
        }
        return new ChannelState(inputs, outputs);
    }

    private static void writeBuffers(DataOutputStream out, List<byte[]> buffers) throws IOException {
        out.writeInt(buffers.size());
        for (byte[] b : buffers) {
            out.writeInt(b.length);
            out.write(b);
        }
    }

    private static List<byte[]> readBuffers(DataInputStream in) throws IOException {
        List<byte[]> buffers = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            buffers.add(b);
        }
        return buffers;
    }
}
