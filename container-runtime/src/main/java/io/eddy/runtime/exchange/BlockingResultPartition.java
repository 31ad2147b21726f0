package io.eddy.runtime.exchange;

import io.eddy.api.memory.MemorySegment;
import io.eddy.runtime.io.IOManager;
import io.eddy.runtime.io.IOManagerOptions;
import io.eddy.runtime.io.SpillFile;
import io.eddy.runtime.io.SpillFileReader;
import io.eddy.runtime.io.SpillFileWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ResultPartition} written completely before it is read (a blocking exchange): every buffer
 * the producer hands to a subpartition goes at once, in the producer's thread, into that
 * subpartition's file under {@code io.tmp.dirs} ({@link IOManager}), and returns to the producer's
 * pool. When the producer finished ({@link #finishWriting()}) the partition gives its network
 * memory back and is registered; each consumer then reads a subpartition from its start through a
 * reader of its own ({@link #openReader}), as often as consumers are restarted. The files live
 * until {@link #release()} (the job ended, or the producer's region restarts).
 *
 * <p>File layout: per buffer, a 4-byte size, then the buffer's bytes; so a reader hands the
 * consumer buffers exactly as the producer filled them, and no element's length field straddles
 * two buffers ({@link StreamFormat}).
 *
 * <p>Threading: the producer's task thread writes (the subpartitions call back into it);
 * {@link #finishWriting()} runs in that thread after the last write. Readers are filled by whichever
 * thread recycles one of their buffers (the consumer's task thread, or the event loop that sent it)
 * under the reader's lock. {@link #release()} may come from any thread.
 */
public final class BlockingResultPartition implements ResultPartition {
    /** Buffers each reader fills ahead of its consumer. */
    static final int READ_AHEAD_BUFFERS = 2;

    private final ResultPartitionId id;
    private final String jobId;
    private final String owner;
    private final ResultSubpartition[] subpartitions;
    private final BufferPool pool;
    private final NetworkBufferPool network;
    private final IOManager io;
    /** Producer thread only, until finished: each subpartition's file and its open writer (null before the first buffer). */
    private final SpillFile[] files;
    private final SpillFileWriter[] writers;
    private final MemorySegment sizeField = MemorySegment.allocate(4);
    /** Guarded by this: the readers not closed yet. */
    private final List<Reader> readers = new ArrayList<>();
    private volatile boolean finished;
    private boolean released; // guarded by this

    /**
     * @param pool the producer's buffers; destroyed once the partition is written
     * @param network where readers take their buffers from
     * @param owner names the producer in messages
     */
    public BlockingResultPartition(ResultPartitionId id, String jobId, int numSubpartitions, BufferPool pool,
            NetworkBufferPool network, IOManager io, String owner) {
        this.id = id;
        this.jobId = jobId;
        this.owner = owner;
        this.pool = pool;
        this.network = network;
        this.io = io;
        this.subpartitions = new ResultSubpartition[numSubpartitions];
        this.files = new SpillFile[numSubpartitions];
        this.writers = new SpillFileWriter[numSubpartitions];
        for (int i = 0; i < numSubpartitions; i++) {
            subpartitions[i] = new ResultSubpartition();
            subpartitions[i].subscribe(this::spill, i);
        }
    }

    @Override
    public ResultPartitionId getId() {
        return id;
    }

    @Override
    public String getJobId() {
        return jobId;
    }

    @Override
    public int getNumberOfSubpartitions() {
        return subpartitions.length;
    }

    /** The producer's side of subpartition {@code index}: what is added to it goes to its file. */
    @Override
    public ResultSubpartition getSubpartition(int index) {
        return subpartitions[index];
    }

    @Override
    public BufferPool getBufferPool() {
        return pool;
    }

    /** Writes what the producer added to subpartition {@code channel} to its file; the producer's thread. */
    private void spill(int channel) {
        ResultSubpartition subpartition = subpartitions[channel];
        NetworkBuffer buffer;
        while ((buffer = subpartition.poll()) != null) {
            try {
                if (writers[channel] == null) {
                    files[channel] = io.createSpillFile(this);
                    writers[channel] = io.openWriter(files[channel]);
                }
                sizeField.putInt(0, buffer.size());
                writers[channel].write(sizeField, 4);
                writers[channel].write(buffer.segment(), buffer.size());
            } catch (IOException e) {
                // thrown through the producer's RecordWriter: the task fails with the file and the remedy
                throw new UncheckedIOException(new IOException("Cannot write blocking result " + id + " of " + owner
                        + " to " + (files[channel] == null ? IOManagerOptions.TMP_DIRS.key() : files[channel]) + ": "
                        + e.getMessage() + ". Free space there or point " + IOManagerOptions.TMP_DIRS.key()
                        + " at a larger disk.", e));
            } finally {
                buffer.recycle();
            }
        }
    }

    /**
     * The producer finished: closes the files and gives the producer's network buffers back. Only
     * then may the partition be registered for its consumers.
     */
    public void finishWriting() throws IOException {
        for (SpillFileWriter writer : writers) {
            if (writer != null) {
                writer.close();
            }
        }
        pool.destroy();
        finished = true;
    }

    /**
     * A new reader of subpartition {@code index} from its start; close it with {@link #closeReader}.
     *
     * @throws IllegalStateException before {@link #finishWriting()} or after {@link #release()}
     */
    @Override
    public ResultSubpartition openReader(int index) {
        if (!finished) {
            throw new IllegalStateException("Blocking result " + id + " of " + owner + " is read before it is complete");
        }
        Reader reader;
        synchronized (this) {
            if (released) {
                throw new IllegalStateException("Blocking result " + id + " of " + owner + " was released");
            }
            reader = new Reader(index);
            readers.add(reader);
        }
        try {
            reader.open();
        } catch (RuntimeException e) {
            closeReader(reader.queue);
            throw e;
        }
        return reader.queue;
    }

    @Override
    public void closeReader(ResultSubpartition queue) {
        Reader closed = null;
        synchronized (this) {
            for (Reader r : readers) {
                if (r.queue == queue) {
                    closed = r;
                }
            }
            readers.remove(closed);
        }
        if (closed != null) {
            closed.close();
        }
    }

    /** Closes every reader and deletes the files. */
    @Override
    public void release() {
        List<Reader> open;
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
            open = new ArrayList<>(readers);
            readers.clear();
        }
        open.forEach(Reader::close);
        for (ResultSubpartition s : subpartitions) {
            s.release();
        }
        pool.destroy();
        io.deleteAll(this);
    }

    /**
     * One consumer's pass over one subpartition file: keeps up to {@link #READ_AHEAD_BUFFERS} buffers
     * read ahead in {@link #queue}, refilling as the consumer recycles them (its pool's listener).
     */
    private final class Reader {
        final ResultSubpartition queue = new ResultSubpartition();
        private final int subpartition;
        private final MemorySegment size = MemorySegment.allocate(4);
        // guarded by this reader
        private BufferPool buffers;
        private SpillFileReader file;
        private boolean filling;
        private boolean done;

        Reader(int subpartition) {
            this.subpartition = subpartition;
        }

        void open() {
            buffers = network.createPool("reader of " + id + " #" + subpartition, READ_AHEAD_BUFFERS, this::fill);
            try {
                file = files[subpartition] == null ? null : io.openReader(files[subpartition]);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open blocking result file " + files[subpartition], e);
            }
            fill();
        }

        /** Reads buffers while the pool has free ones; the end of the file ends the reader's resources. */
        synchronized void fill() {
            if (filling || done) {
                return; // re-entered through a recycle inside this very fill, or finished
            }
            filling = true;
            try {
                NetworkBuffer buffer;
                while (!done && !queue.isReleased() && (buffer = buffers.tryRequest()) != null) {
                    if (file == null || file.readFully(size, 4) < 0) {
                        buffer.recycle();
                        end();
                        return;
                    }
                    int length = size.getInt(0);
                    file.readFully(buffer.segment(), length);
                    buffer.setSize(length);
                    queue.add(buffer);
                }
            } catch (IOException e) {
                queue.fail(new IOException("Cannot read blocking result file " + files[subpartition] + " of " + owner
                        + ": " + e.getMessage(), e));
                end();
            } finally {
                filling = false;
            }
        }

        /** Frees the file and the buffers not queued; queued ones return to the network pool once read. */
        private void end() {
            done = true;
            if (file != null) {
                try {
                    file.close();
                } catch (IOException ignored) {
                    // reading is over; the I/O manager deletes the file with the partition
                }
            }
            buffers.destroy();
        }

        synchronized void close() {
            if (!done && buffers != null) {
                end();
            }
            queue.release();
        }
    }
}
