package io.eddy.runtime.rest;

import io.eddy.api.config.Configuration;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.CoreOptions;
import io.eddy.api.execution.JobId;
import io.eddy.api.execution.JobClient;
import io.eddy.api.execution.JobListener;
import io.eddy.runtime.deployment.UserCode;
import io.eddy.runtime.jobmanager.JobManager;
import io.eddy.runtime.minicluster.LocalJobClient;
import io.eddy.runtime.resourcemanager.NotEnoughSlotsException;
import io.eddy.runtime.translation.JobGraphExecutor;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Runs the main method of an uploaded jar inside the JobManager ({@code POST /jars/:id/run}): the
 * program's jobs go straight to this JobManager. {@link #run} returns once the program submitted its
 * first job; the program itself keeps running in its own thread (e.g. waiting in {@code execute()}).
 * The YARN ApplicationMaster runs the program of an application-mode deployment with {@link #start},
 * which also tells when the program ended and which jobs it submitted.
 */
public final class JarRunner {
    /** How long the program may take to submit its first job. */
    private static final long SUBMISSION_TIMEOUT_SECONDS = 120;

    private final JobManager jobManager;

    public JarRunner(JobManager jobManager) {
        this.jobManager = jobManager;
    }

    /** Runs {@code entryClass} (or the manifest's Main-Class) of {@code jar}; returns the first job's id. */
    public String run(Path jar, String entryClass, Integer parallelism, List<String> args) throws Exception {
        try {
            return start(jar, entryClass, parallelism, args).firstJob().get(SUBMISSION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new RestException(504, "The program submitted no job within " + SUBMISSION_TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RestException rest) {
                throw rest;
            }
            throw RestException.badRequest("The program failed: " + cause);
        }
    }

    /**
     * Starts {@code entryClass} (or the manifest's Main-Class) of {@code jar} in a thread of its own and
     * returns at once; the program's jobs go to this JobManager.
     */
    public RunningProgram start(Path jar, String entryClass, Integer parallelism, List<String> args) throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, JarRunner.class.getClassLoader());
        Method main = mainMethod(loader, entryClass != null ? entryClass : manifestMainClass(jar));
        Configuration config = new Configuration();
        if (parallelism != null) {
            config.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        }
        UserCode userCode = new UserCode(loader, jar);
        JobGraphExecutor toThisJobManager = (job, c, classLoader) ->
                CompletableFuture.completedFuture(new LocalJobClient(jobManager.submit(job, userCode)));
        RunningProgram running = new RunningProgram();
        JobListener listener = (client, error) -> {
            if (client != null) {
                running.jobs.add(client.getJobId());
                running.firstJob.complete(client.getJobId().toHexString());
            } else {
                running.firstJob.completeExceptionally(error);
            }
        };
        Thread program = new Thread(() -> {
            StreamExecutionEnvironment.initializeContextEnvironment(config, loader, listener, toThisJobManager);
            try {
                main.invoke(null, (Object) args.toArray(new String[0]));
                running.firstJob.completeExceptionally(new RestException(400, main.getDeclaringClass().getName()
                        + ".main returned without running a job: call execute() after defining the pipeline"));
                running.end.complete(null);
            } catch (Throwable t) {
                Throwable thrown = t instanceof InvocationTargetException e ? e.getCause() : t;
                running.firstJob.completeExceptionally(thrown);
                running.end.completeExceptionally(thrown);
            } finally {
                StreamExecutionEnvironment.resetContextEnvironment();
            }
        }, "program " + main.getDeclaringClass().getName());
        program.setContextClassLoader(loader);
        program.setDaemon(true);
        program.start();
        return running;
    }

    /**
     * A program started by {@link #start}. Its futures complete in the program's thread: {@link #firstJob}
     * once it submitted a job (exceptionally if it failed or returned before), {@link #end} when its main
     * method returned (exceptionally with what it threw). {@link #jobs} grows while it runs.
     */
    public static final class RunningProgram {
        private final CompletableFuture<String> firstJob = new CompletableFuture<>();
        private final CompletableFuture<Void> end = new CompletableFuture<>();
        private final List<JobId> jobs = new CopyOnWriteArrayList<>();

        public CompletableFuture<String> firstJob() {
            return firstJob;
        }

        public CompletableFuture<Void> end() {
            return end;
        }

        /** The jobs the program submitted, in submission order; all of them once {@link #end} completed. */
        public List<JobId> jobs() {
            return List.copyOf(jobs);
        }
    }

    private static String manifestMainClass(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
            if (name == null || name.isBlank()) {
                throw RestException.badRequest("The jar names no Main-Class in its manifest: pass entryClass");
            }
            return name.trim();
        }
    }

    private static Method mainMethod(ClassLoader loader, String className) {
        try {
            Method main = Class.forName(className, false, loader).getMethod("main", String[].class);
            if (!Modifier.isStatic(main.getModifiers())) {
                throw new NoSuchMethodException();
            }
            return main;
        } catch (ClassNotFoundException e) {
            throw RestException.badRequest("Class " + className + " is not in the jar");
        } catch (NoSuchMethodException e) {
            throw RestException.badRequest("Class " + className + " has no 'public static void main(String[] args)'");
        }
    }
}
