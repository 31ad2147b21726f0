package io.eddy.ml.pipeline;

import io.eddy.ml.io.HadoopPaths;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A saved model: a UTF-8 text file that people and other programs can read.
 *
 * <pre>
 * eddy-ml-model 1 io.eddy.ml.regression.LinearModel
 * param lambda 0.1
 * intercept 0.5
 * weights 1.0,2.5,-3.0
 * </pre>
 *
 * The first line is the format version and the model's class. Every other line is an entry:
 * a name, one space, and the value: a number, a comma-separated list of numbers (written with
 * {@link Double#toString}, so they read back exactly), or text. Names are unique except for
 * repeated entries (e.g. one {@code centroid} line per centroid, in order). {@code param} lines
 * record the parameters the model was trained with.
 */
public final class ModelFile {
    private static final String MAGIC = "eddy-ml-model";
    private static final int VERSION = 1;

    private final String modelClass;
    private final Map<String, List<String>> entries = new LinkedHashMap<>();

    public ModelFile(String modelClass) {
        this.modelClass = modelClass;
    }

    public String modelClass() {
        return modelClass;
    }

    public ModelFile put(String name, String value) {
        if (name.isEmpty() || name.contains(" ") || value.contains("\n")) {
            throw new IllegalArgumentException("Model entry names have no blanks and values are one line: " + name);
        }
        entries.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return this;
    }

    public ModelFile put(String name, double value) {
        return put(name, Double.toString(value));
    }

    public ModelFile put(String name, double[] values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(values[i]);
        }
        return put(name, b.toString());
    }

    /** Records the explicitly set parameters of {@code configured}. */
    public ModelFile putParams(WithParams<?> configured) {
        configured.explicitValues().forEach((name, value) -> put("param", name + " " + value));
        return this;
    }

    public String text(String name) {
        List<String> values = entries.get(name);
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("The saved " + modelClass + " has no entry '" + name + "': the file is "
                    + "damaged or not of this model");
        }
        return values.get(0);
    }

    public List<String> all(String name) {
        return entries.getOrDefault(name, List.of());
    }

    public double number(String name) {
        return Double.parseDouble(text(name));
    }

    public double[] numbers(String name) {
        return parseNumbers(text(name));
    }

    public static double[] parseNumbers(String text) {
        if (text.isEmpty()) {
            return new double[0];
        }
        String[] parts = text.split(",");
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Double.parseDouble(parts[i]);
        }
        return values;
    }

    /** Adds every entry of this file to {@code target}, each name prefixed with {@code prefix}. */
    void copyInto(ModelFile target, String prefix) {
        entries.forEach((name, values) -> values.forEach(v -> target.put(prefix + name, v)));
    }

    /** The entries whose names start with {@code prefix}, without it, as the file of a {@code modelClass}. */
    ModelFile section(String prefix, String modelClass) {
        ModelFile section = new ModelFile(modelClass);
        entries.forEach((name, values) -> {
            if (name.startsWith(prefix)) {
                values.forEach(v -> section.put(name.substring(prefix.length()), v));
            }
        });
        return section;
    }

    /** The first line of the file of a model of class {@code modelClass}: for writers that stream their entries. */
    public static String firstLine(String modelClass) {
        return MAGIC + " " + VERSION + " " + modelClass;
    }

    /** Writes the file to {@code path} on any Hadoop file system ({@link HadoopPaths}), replacing it. */
    public void save(String path) throws IOException {
        try (BufferedWriter w = HadoopPaths.createText(path)) {
            w.write(firstLine(modelClass) + "\n");
            for (Map.Entry<String, List<String>> e : entries.entrySet()) {
                for (String value : e.getValue()) {
                    w.write(e.getKey() + " " + value + "\n");
                }
            }
        }
    }

    /** Reads the model saved at {@code path} (on any Hadoop file system). */
    public static Model load(String path) throws IOException {
        String p = path;
        if (!HadoopPaths.exists(path)) {
            throw new FileNotFoundException("No saved model at " + path);
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = HadoopPaths.openText(path)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        }
        String[] header = lines.isEmpty() ? new String[0] : lines.get(0).split(" ");
        if (header.length != 3 || !header[0].equals(MAGIC)) {
            throw new IOException(p + " is not a saved Eddy model (its first line must be '" + MAGIC + " <version> <class>')");
        }
        if (Integer.parseInt(header[1]) != VERSION) {
            throw new IOException(p + " is a model of format version " + header[1] + "; this Eddy reads version " + VERSION);
        }
        ModelFile file = new ModelFile(header[2]);
        for (String line : lines.subList(1, lines.size())) {
            int blank = line.indexOf(' ');
            if (blank > 0) {
                file.put(line.substring(0, blank), line.substring(blank + 1));
            }
        }
        try {
            return file.read();
        } catch (IllegalArgumentException e) {
            throw new IOException("Cannot read the model at " + p + ": " + e.getMessage(), e);
        }
    }

    /** The model this file describes, through its class's {@code read(ModelFile)}. */
    Model read() {
        try {
            Method read = Class.forName(modelClass).getMethod("read", ModelFile.class);
            return (Model) read.invoke(null, this);
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalArgumentException("a saved " + modelClass + ", which this Eddy cannot read: " + e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(e.getCause().getMessage(), e.getCause());
        }
    }
}
