package io.eddy.client.cli;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** A user's jar and the main class in it, loaded in a class loader of its own. */
final class PackagedProgram implements AutoCloseable {
    private final Path jar;
    private final URLClassLoader classLoader;
    private final Method main;

    private PackagedProgram(Path jar, URLClassLoader classLoader, Method main) {
        this.jar = jar;
        this.classLoader = classLoader;
        this.main = main;
    }

    /**
     * Opens {@code jar} and finds the program's {@code main} method in {@code mainClass}, or in the
     * manifest's {@code Main-Class} when null.
     */
    static PackagedProgram open(Path jar, String mainClass) throws UsageException, ProgramException {
        if (!Files.exists(jar)) {
            throw new UsageException("jar file " + jar + " does not exist");
        }
        if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
            throw new UsageException(jar + " is not a readable file");
        }
        String className = mainClass != null ? mainClass : manifestMainClass(jar);
        URLClassLoader loader = new URLClassLoader("eddy-user-code", new URL[] {url(jar)},
                PackagedProgram.class.getClassLoader());
        try {
            return new PackagedProgram(jar, loader, findMain(loader, className, jar));
        } catch (ProgramException | RuntimeException e) {
            closeQuietly(loader);
            throw e;
        }
    }

    ClassLoader classLoader() {
        return classLoader;
    }

    String mainClassName() {
        return main.getDeclaringClass().getName();
    }

    /**
     * Runs {@code main} in this thread with the program's class loader as context class loader.
     *
     * @throws Throwable whatever the program's main method threw
     */
    void run(List<String> args) throws Throwable {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader);
        try {
            main.invoke(null, (Object) args.toArray(new String[0]));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void close() {
        closeQuietly(classLoader);
    }

    private static String manifestMainClass(Path jar) throws UsageException {
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest();
        } catch (IOException e) {
            throw new UsageException(jar + " is not a jar file (" + e.getMessage() + ")");
        }
        String name = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
        if (name == null || name.isBlank()) {
            throw new UsageException(jar + " names no Main-Class in its manifest: give the main class with -c <class>");
        }
        return name.trim();
    }

    private static Method findMain(ClassLoader loader, String className, Path jar) throws ProgramException {
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            throw new ProgramException("class " + className + " is neither in " + jar + " nor on Eddy's classpath", e);
        } catch (LinkageError e) {
            throw new ProgramException("class " + className + " cannot be loaded: " + e, e);
        }
        Method method;
        try {
            method = type.getMethod("main", String[].class);
        } catch (NoSuchMethodException e) {
            method = null;
        }
        if (method == null || !Modifier.isStatic(method.getModifiers()) || method.getReturnType() != void.class) {
            throw new ProgramException("class " + className + " has no 'public static void main(String[] args)' method",
                    null);
        }
        method.setAccessible(true);
        return method;
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(jar.toString(), e);
        }
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // only open jar handles are released here; nothing to recover
        }
    }

    @Override
    public String toString() {
        return mainClassName() + " in " + jar;
    }
}
