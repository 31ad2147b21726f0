package io.eddy.yarn.deployment;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A distribution's {@code lib/} assembled from the test class path (the jars Eddy's processes need,
 * the modules' class directories packed into jars; the mini clusters and test libraries left out), and
 * a user jar of this module's test classes, for deploying to the MiniYARNCluster as users deploy
 * from a distribution.
 */
final class TestDistribution {
    private static final List<String> NOT_SHIPPED = List.of("hadoop-client-minicluster", "junit", "mockito",
            "byte-buddy", "hamcrest", "opentest4j", "apiguardian", "jaxb", "activation", "bcp",
            "log4j-1.2-api", "surefire", "-tests.jar");

    private TestDistribution() {}

    static Path lib(Path dir) throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classPath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            String name = path.getFileName().toString();
            if (Files.isDirectory(path)) {
                if (!name.equals("test-classes")) {
                    // <module>/target/classes becomes <module>.jar
                    jar(path, lib.resolve(path.getParent().getParent().getFileName() + ".jar"));
                }
            } else if (name.endsWith(".jar") && NOT_SHIPPED.stream().noneMatch(name::contains)) {
                Files.copy(path, lib.resolve(name));
            }
        }
        return lib;
    }

    /** This module's test classes (the jobs the tests submit). */
    static Path userJar(Path dir) throws IOException {
        Path classes = Path.of(TestDistribution.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        return jar(classes, dir.resolve("user-job.jar"));
    }

    private static Path jar(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file);
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                try (InputStream in = Files.newInputStream(f)) {
                    in.transferTo(out);
                }
            }
        }
        return jar;
    }
}
