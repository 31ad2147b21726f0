package io.eddy.state.hdfs;

/**
 * What an {@link ExactlyOnceFileSink} subtask wrote between two checkpoints: the part files
 * {@code firstPart .. firstPart + files - 1} of subtask {@code subtask}. A subtask numbers its files
 * consecutively and writes one transaction at a time, so a range names them all. A POJO so that it
 * can be kept in operator state.
 */
public final class FileTransaction {
    /** The subtask that wrote the files: part of their names, kept when another subtask commits them. */
    public int subtask;
    public long firstPart;
    /** How many part files the transaction has; 0 while nothing was written. */
    public int files;

    public FileTransaction() {}

    public FileTransaction(int subtask, long firstPart) {
        this.subtask = subtask;
        this.firstPart = firstPart;
    }

    @Override
    public String toString() {
        return files == 0 ? "no part files of subtask " + subtask
                : "part files " + firstPart + ".." + (firstPart + files - 1) + " of subtask " + subtask;
    }
}
