package io.eddy.runtime.exchange;

import java.time.Duration;
import java.util.List;

/**
 * Buffer debloating for one consuming task: sizes the buffers its producers fill so that the data
 * in flight to it drains within a target time at the rate the task consumes. Behind a slow
 * operator the buffers shrink (an aligned checkpoint barrier then waits behind about the target's
 * worth of data, not behind every buffer's worth); when the task keeps up they grow back to the
 * full segment size.
 *
 * <p>Every sample takes the bytes the task consumed since the previous one, smooths the throughput
 * (exponential moving average, so one slow sample does not collapse the buffers), and divides the
 * throughput times the target by the number of buffers waiting in the channels (at least one):
 * that many buffers of the new size hold the target's worth. The size goes to every channel
 * ({@link InputChannel#announceBufferSize}) when it changed by more than a tenth, between
 * {@link RecordWriter#MIN_BUFFER_SIZE} and the segment size.
 *
 * <p>Used by the consuming task's thread only (a periodic mail).
 */
public final class BufferDebloater {
    /** Weight of the newest sample in the average. */
    private static final double SMOOTHING = 0.3;

    private final List<? extends InputChannel> channels;
    private final double targetSeconds;
    private final int maxSize;
    private double bytesPerSecond = -1;
    private long lastBytes;
    private long lastNanos;
    private int announced;

    public BufferDebloater(List<? extends InputChannel> channels, Duration target, int segmentSize) {
        this.channels = channels;
        this.targetSeconds = target.toNanos() / 1e9;
        this.maxSize = segmentSize;
        this.announced = segmentSize;
        this.lastNanos = System.nanoTime();
    }

    /**
     * Takes a sample and announces a new size if it changed enough.
     *
     * @param bytesConsumed the task's input bytes so far
     * @return the buffer size now announced
     */
    public int sample(long bytesConsumed) {
        long now = System.nanoTime();
        double seconds = (now - lastNanos) / 1e9;
        if (seconds <= 0) {
            return announced;
        }
        double rate = (bytesConsumed - lastBytes) / seconds;
        lastBytes = bytesConsumed;
        lastNanos = now;
        bytesPerSecond = bytesPerSecond < 0 ? rate : SMOOTHING * rate + (1 - SMOOTHING) * bytesPerSecond;
        int queued = 0;
        for (InputChannel channel : channels) {
            queued += channel.subpartition().queuedBuffers();
        }
        long size = (long) (bytesPerSecond * targetSeconds / Math.max(1, queued));
        int next = (int) Math.max(Math.min(RecordWriter.MIN_BUFFER_SIZE, maxSize), Math.min(maxSize, size));
        if (Math.abs(next - announced) * 10L > announced) {
            announced = next;
            for (InputChannel channel : channels) {
                channel.announceBufferSize(next);
            }
        }
        return announced;
    }
}
