package io.eddy.state.hdfs;

/**
 * One part file of an {@link ExactlyOnceFileSink}: written as {@code .part-<subtask>-<part>.inprogress},
 * pre-committed as {@code .part-<subtask>-<part>.pending}, committed as {@code part-<subtask>-<part>}.
 * A POJO so that it can be kept in operator state.
 */
public final class FileTransaction {
    public int subtask;
    public long part;
    /** False while nothing was written: no file exists and commit has nothing to do. */
    public boolean hasData;

    public FileTransaction() {}

    public FileTransaction(int subtask, long part) {
        this.subtask = subtask;
        this.part = part;
    }

    String inProgressName() {
        return ".part-" + subtask + "-" + part + ".inprogress";
    }

    String pendingName() {
        return ".part-" + subtask + "-" + part + ".pending";
    }

    String committedName() {
        return "part-" + subtask + "-" + part;
    }

    @Override
    public String toString() {
        return committedName() + (hasData ? "" : " (empty)");
    }
}
