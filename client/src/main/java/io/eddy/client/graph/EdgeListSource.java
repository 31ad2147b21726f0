package io.eddy.client.graph;

import io.eddy.api.connector.source.Boundedness;
import io.eddy.api.connector.source.InputStatus;
import io.eddy.api.connector.source.Source;
import io.eddy.api.connector.source.SourceOutput;
import io.eddy.api.connector.source.SourceReader;
import io.eddy.api.connector.source.SourceReaderContext;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.gelly.Edge;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The edges of an edge-list file (or of every file of a directory) on any Hadoop file system: one edge
 * per line, {@code source target [weight]} separated by tabs or spaces, long ids, a double weight
 * (1.0 when absent); blank lines and lines starting with {@code #} are skipped. A line that does not
 * parse fails the job with the file, the line number and the line. Each file is one split, read whole
 * by one reader, so line numbers are known.
 */
final class EdgeListSource implements Source<Edge<Long, Double>, EdgeListSource.EdgeFile> {
    private static final long serialVersionUID = 1L;

    private final String path;

    /** One file and the lines already read from it. */
    record EdgeFile(String file, long linesRead) implements Serializable {}

    EdgeListSource(String path) {
        this.path = path;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public List<EdgeFile> createSplits(int parallelism) throws IOException {
        Path p = new Path(path);
        FileSystem fs = FileSystem.get(URI.create(path), new Configuration());
        if (!fs.exists(p)) {
            throw new FileNotFoundException("The edge list " + fs.makeQualified(p) + " does not exist: check --input");
        }
        List<EdgeFile> files = new ArrayList<>();
        for (FileStatus s : fs.getFileStatus(p).isDirectory() ? fs.listStatus(p) : new FileStatus[] {fs.getFileStatus(p)}) {
            String name = s.getPath().getName();
            if (s.isFile() && !name.startsWith(".") && !name.startsWith("_")) {
                files.add(new EdgeFile(s.getPath().toString(), 0));
            }
        }
        return files;
    }

    @Override
    public SourceReader<Edge<Long, Double>, EdgeFile> createReader(SourceReaderContext context) {
        return new Reader();
    }

    @Override
    public TypeInfo<Edge<Long, Double>> getProducedType() {
        return Edge.type(Types.LONG, Types.DOUBLE);
    }

    /** Parses one line; null for a blank or comment line. */
    static Edge<Long, Double> parse(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return null;
        }
        String[] fields = trimmed.split("[ \t]+");
        if (fields.length < 2 || fields.length > 3) {
            throw new IllegalArgumentException("expected 'source target [weight]', found " + fields.length + " fields");
        }
        try {
            return new Edge<>(Long.parseLong(fields[0]), Long.parseLong(fields[1]),
                    fields.length == 3 ? Double.parseDouble(fields[2]) : 1.0);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ids must be long integers and the weight a number (" + e.getMessage() + ")");
        }
    }

    private final class Reader implements SourceReader<Edge<Long, Double>, EdgeFile> {
        private final ArrayDeque<EdgeFile> pending = new ArrayDeque<>();
        private BufferedReader reader;
        private EdgeFile file;
        private long lineNumber;

        @Override
        public void addSplits(List<EdgeFile> splits) {
            pending.addAll(splits);
        }

        @Override
        public InputStatus pollNext(SourceOutput<Edge<Long, Double>> output) throws IOException {
            while (true) {
                if (reader == null) {
                    file = pending.poll();
                    if (file == null) {
                        return InputStatus.END_OF_INPUT;
                    }
                    Path p = new Path(file.file());
                    reader = new BufferedReader(new InputStreamReader(p.getFileSystem(new Configuration()).open(p), StandardCharsets.UTF_8));
                    for (lineNumber = 0; lineNumber < file.linesRead() && reader.readLine() != null; lineNumber++) {
                        // skips what a previous attempt read
                    }
                }
                String line = reader.readLine();
                if (line == null) {
                    reader.close();
                    reader = null;
                    continue;
                }
                lineNumber++;
                Edge<Long, Double> edge;
                try {
                    edge = parse(line);
                } catch (IllegalArgumentException e) {
                    throw new IOException("Malformed edge at line " + lineNumber + " of " + file.file() + ": " + e.getMessage()
                            + ". Line: " + line);
                }
                if (edge != null) {
                    output.collect(edge);
                    return InputStatus.MORE_AVAILABLE;
                }
            }
        }

        @Override
        public List<EdgeFile> snapshotState(long checkpointId) {
            List<EdgeFile> state = new ArrayList<>();
            if (reader != null) {
                state.add(new EdgeFile(file.file(), lineNumber));
            }
            state.addAll(pending);
            return state;
        }

        @Override
        public void close() throws IOException {
            if (reader != null) {
                reader.close();
            }
        }
    }
}
