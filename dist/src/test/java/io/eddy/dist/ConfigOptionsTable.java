package io.eddy.dist;

import io.eddy.api.config.ConfigOption;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The configuration options of every module: each {@code public static final ConfigOption}
 * constant of the main classes under {@code io.eddy} on the class path, and the README table made
 * from them. The {@code dist} module's tests have every module on their class path, so nothing is
 * missed; classes are inspected without being initialized, and only those that declare options
 * are initialized to read them.
 */
final class ConfigOptionsTable {
    static final String BEGIN = "<!-- config-options:begin (generated from the ConfigOption declarations; see ConfigOptionsTableTest) -->";
    static final String END = "<!-- config-options:end -->";

    /** One declaration: the option and the constant that holds it. */
    record Declared(ConfigOption<?> option, Field field) {
        String where() {
            return field.getDeclaringClass().getName() + "." + field.getName();
        }
    }

    private ConfigOptionsTable() {}

    /** Every option constant of the main classes under {@code io.eddy}, sorted by key then by where declared. */
    static List<Declared> scan(ClassLoader loader) throws IOException {
        TreeSet<String> classNames = new TreeSet<>();
        Enumeration<URL> roots = loader.getResources("io/eddy");
        while (roots.hasMoreElements()) {
            URL root = roots.nextElement();
            if (root.getPath().contains("/test-classes/") || root.getPath().contains("-tests.jar!")) {
                continue; // test classes declare no options of the product
            }
            classNames.addAll(classesUnder(root));
        }
        List<Declared> declared = new ArrayList<>();
        for (String name : classNames) {
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                continue; // a class whose optional dependencies are absent declares nothing we can document
            }
            for (Field field : type.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (field.getType() == ConfigOption.class && Modifier.isStatic(modifiers)
                        && Modifier.isFinal(modifiers) && Modifier.isPublic(modifiers)) {
                    try {
                        declared.add(new Declared((ConfigOption<?>) field.get(null), field));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        declared.sort(Comparator.comparing((Declared d) -> d.option().key()).thenComparing(Declared::where));
        return declared;
    }

    private static List<String> classesUnder(URL root) throws IOException {
        if (root.getProtocol().equals("jar")) {
            try (JarFile jar = ((JarURLConnection) root.openConnection()).getJarFile()) {
                return jar.stream().map(JarEntry::getName).filter(ConfigOptionsTable::isTopLevelClass)
                        .map(ConfigOptionsTable::className).toList();
            }
        }
        Path directory;
        try {
            directory = Paths.get(root.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("Cannot read the class path entry " + root, e);
        }
        Path base = directory.getParent().getParent(); // the root of io/eddy
        try (Stream<Path> files = Files.walk(directory)) {
            return files.map(f -> base.relativize(f).toString().replace('\\', '/'))
                    .filter(ConfigOptionsTable::isTopLevelClass).map(ConfigOptionsTable::className).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static boolean isTopLevelClass(String path) {
        return path.endsWith(".class") && !path.contains("$") && !path.endsWith("package-info.class");
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }

    /** The Markdown table of {@code options}, one row per key, with the markers around it. */
    static String render(List<Declared> options) {
        StringBuilder table = new StringBuilder(BEGIN).append('\n');
        table.append("| key | type | default | description |\n|---|---|---|---|\n");
        for (Declared d : options) {
            ConfigOption<?> option = d.option();
            table.append("| `").append(option.key()).append("` | ").append(type(option.type())).append(" | ")
                    .append(defaultValue(option))
                    .append(" | ").append(markdown(option.description()))
                    .append(" |\n");
        }
        return table.append(END).toString();
    }

    /** Table-cell text: no line breaks, no column breaks, no HTML tags (e.g. {@code <jobId>} shows as written). */
    private static String markdown(String text) {
        return text.replace("\n", " ").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String defaultValue(ConfigOption<?> option) {
        if (!option.hasDefaultValue()) {
            return "(none)";
        }
        // a default taken from this JVM (io.tmp.dirs) is named by its source, so the table is the same on every machine
        if (option.defaultValue().equals(System.getProperty("java.io.tmpdir"))) {
            return "the JVM's `java.io.tmpdir`";
        }
        return "`" + value(option.defaultValue()) + "`";
    }

    private static String type(Class<?> type) {
        if (type.isEnum()) {
            return Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        return type.getSimpleName();
    }

    private static String value(Object value) {
        if (value instanceof Duration d) {
            long ms = d.toMillis();
            if (ms != 0 && ms % 3_600_000 == 0) {
                return ms / 3_600_000 + " h";
            }
            if (ms != 0 && ms % 60_000 == 0) {
                return ms / 60_000 + " min";
            }
            if (ms != 0 && ms % 1000 == 0) {
                return ms / 1000 + " s";
            }
            return ms + " ms";
        }
        return String.valueOf(value);
    }

    /** {@code readme} with the text between the markers replaced by {@code table}. */
    static String replaceTable(String readme, String table) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("README.md has no options table: put the lines\n" + BEGIN + "\n" + END
                    + "\nwhere it belongs, then regenerate");
        }
        return readme.substring(0, begin) + table + readme.substring(end + END.length());
    }
}
