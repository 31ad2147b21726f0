package io.eddy.api.datastream;

import io.eddy.api.config.Configuration;
import io.eddy.api.connector.source.CollectionSource;
import io.eddy.api.connector.source.NumberSequenceSource;
import io.eddy.api.connector.source.SocketTextSource;
import io.eddy.api.connector.source.Source;
import io.eddy.api.connector.source.TextFileSource;
import io.eddy.api.execution.CheckpointConfig;
import io.eddy.api.execution.CheckpointingConfigOptions;
import io.eddy.api.execution.CheckpointingMode;
import io.eddy.api.execution.CoreOptions;
import io.eddy.api.execution.RuntimeExecutionMode;
import io.eddy.api.execution.DeploymentOptions;
import io.eddy.api.execution.ExecutionConfig;
import io.eddy.api.execution.InvalidProgramException;
import io.eddy.api.execution.JobClient;
import io.eddy.api.execution.JobExecutionException;
import io.eddy.api.execution.JobExecutionResult;
import io.eddy.api.execution.JobListener;
import io.eddy.api.execution.JobStatus;
import io.eddy.api.execution.RestartStrategy;
import io.eddy.api.pipeline.Pipeline;
import io.eddy.api.pipeline.PipelineExecutor;
import io.eddy.api.pipeline.PipelineExecutorFactory;
import io.eddy.api.transformations.SourceTransformation;
import io.eddy.api.transformations.Transformation;
import io.eddy.api.tuple.Tuple;
import io.eddy.api.types.InvalidTypesException;
import io.eddy.api.types.TypeExtractor;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Entry point of a streaming program: creates sources, collects the transformations built on
 * them and runs the job with {@link #execute()}.
 *
 * <p>{@link #getExecutionEnvironment()} returns an environment for wherever the program was
 * started: the embedded cluster by default, or the target set by the {@code eddy} CLI
 * ({@code -t remote}, {@code -t yarn-per-job}, …). The same program runs everywhere unchanged.
 *
 * <p>Not thread-safe: build a program from one thread.
 */
public class StreamExecutionEnvironment {

    /**
     * Set by the CLI, a JobManager running an uploaded jar, or a test, so that programs pick up its
     * configuration, class loader, listener and possibly executor. Per thread (and the threads it
     * starts), so several programs can run side by side in one JobManager.
     */
    private record Context(Configuration config, ClassLoader classLoader, JobListener listener,
            PipelineExecutor executor) {}

    private static final InheritableThreadLocal<Context> CONTEXT = new InheritableThreadLocal<>();

    private final Configuration configuration;
    private final ClassLoader userClassLoader;
    private final ExecutionConfig executionConfig = new ExecutionConfig();
    private final List<Transformation<?>> sinks = new ArrayList<>();
    private final List<JobListener> listeners = new ArrayList<>();
    private PipelineExecutor contextExecutor;
    private int parallelism;
    private int maxParallelism;

    protected StreamExecutionEnvironment(Configuration configuration, ClassLoader userClassLoader) {
        this.configuration = new Configuration(configuration);
        this.userClassLoader = userClassLoader;
        this.parallelism = configuration.getOptional(CoreOptions.DEFAULT_PARALLELISM)
                .orElse(isLocal() ? Runtime.getRuntime().availableProcessors() : 1);
        this.maxParallelism = configuration.get(CoreOptions.MAX_PARALLELISM);
        executionConfig.setBufferTimeout(configuration.get(CoreOptions.BUFFER_TIMEOUT).toMillis());
        executionConfig.setAutoWatermarkInterval(configuration.get(CoreOptions.AUTO_WATERMARK_INTERVAL).toMillis());
        if (configuration.get(CoreOptions.OBJECT_REUSE)) {
            executionConfig.enableObjectReuse();
        }
        executionConfig.setRuntimeMode(configuration.get(CoreOptions.RUNTIME_MODE));
        CheckpointingConfigOptions.configure(configuration, executionConfig.getCheckpointConfig());
        executionConfig.setRestartStrategy(RestartStrategy.fromConfiguration(configuration));
    }

    /** The environment of the context the program runs in: embedded unless the CLI said otherwise. */
    public static StreamExecutionEnvironment getExecutionEnvironment() {
        Context c = CONTEXT.get();
        if (c == null) {
            return new StreamExecutionEnvironment(new Configuration(), defaultClassLoader());
        }
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(c.config(), c.classLoader());
        if (c.listener() != null) {
            env.registerJobListener(c.listener());
        }
        env.contextExecutor = c.executor();
        return env;
    }

    /**
     * An environment with the given configuration, e.g. {@code execution.target: remote} and the
     * cluster's {@code rest.address}/{@code rest.port}; the CLI's settings do not apply.
     */
    public static StreamExecutionEnvironment getExecutionEnvironment(Configuration config) {
        return new StreamExecutionEnvironment(config, defaultClassLoader());
    }

    /** An environment that runs jobs on an embedded cluster in this JVM with the given configuration. */
    public static StreamExecutionEnvironment createLocalEnvironment(Configuration config) {
        Configuration c = new Configuration(config);
        c.set(DeploymentOptions.TARGET, "local");
        return new StreamExecutionEnvironment(c, defaultClassLoader());
    }

    /** Makes {@link #getExecutionEnvironment()} use this configuration, class loader and listener (for the CLI). */
    public static void initializeContextEnvironment(Configuration config, ClassLoader userClassLoader,
            JobListener listener) {
        initializeContextEnvironment(config, userClassLoader, listener, null);
    }

    /** Like the other variant, with the executor jobs go to instead of the one {@code execution.target} names. */
    public static void initializeContextEnvironment(Configuration config, ClassLoader userClassLoader,
            JobListener listener, PipelineExecutor executor) {
        CONTEXT.set(new Context(new Configuration(config), userClassLoader, listener, executor));
    }

    public static void resetContextEnvironment() {
        CONTEXT.remove();
    }

    private static ClassLoader defaultClassLoader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : StreamExecutionEnvironment.class.getClassLoader();
    }

    private boolean isLocal() {
        return "local".equals(configuration.get(DeploymentOptions.TARGET));
    }

    // ---------------------------------------------------------------- settings

    public ExecutionConfig getConfig() {
        return executionConfig;
    }

    public Configuration getConfiguration() {
        return configuration;
    }

    public ClassLoader getUserClassLoader() {
        return userClassLoader;
    }

    /** Default parallelism of operators that set none. */
    public StreamExecutionEnvironment setParallelism(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("Parallelism must be at least 1, was " + parallelism);
        }
        this.parallelism = parallelism;
        return this;
    }

    public int getParallelism() {
        return parallelism;
    }

    /** Number of key groups of keyed operators that set none: the upper bound for rescaling them. */
    public StreamExecutionEnvironment setMaxParallelism(int maxParallelism) {
        if (maxParallelism < 1 || maxParallelism > io.eddy.api.state.KeyGroups.UPPER_BOUND_MAX_PARALLELISM) {
            throw new IllegalArgumentException("Max parallelism must be between 1 and "
                    + io.eddy.api.state.KeyGroups.UPPER_BOUND_MAX_PARALLELISM + ", was " + maxParallelism);
        }
        this.maxParallelism = maxParallelism;
        return this;
    }

    public int getMaxParallelism() {
        return maxParallelism;
    }

    /** STREAMING, BATCH or AUTOMATIC; see {@link RuntimeExecutionMode} and {@link CoreOptions#RUNTIME_MODE}. */
    public StreamExecutionEnvironment setRuntimeMode(RuntimeExecutionMode mode) {
        executionConfig.setRuntimeMode(mode);
        return this;
    }

    /** See {@link CoreOptions#BUFFER_TIMEOUT}: 0 sends each record at once, larger values batch more. */
    public StreamExecutionEnvironment setBufferTimeout(long millis) {
        executionConfig.setBufferTimeout(millis);
        return this;
    }

    /** Checkpoints the job's state every {@code intervalMillis}, exactly once. */
    public StreamExecutionEnvironment enableCheckpointing(long intervalMillis) {
        return enableCheckpointing(intervalMillis, CheckpointingMode.EXACTLY_ONCE);
    }

    public StreamExecutionEnvironment enableCheckpointing(long intervalMillis, CheckpointingMode mode) {
        executionConfig.getCheckpointConfig().setCheckpointInterval(intervalMillis).setCheckpointingMode(mode);
        return this;
    }

    public CheckpointConfig getCheckpointConfig() {
        return executionConfig.getCheckpointConfig();
    }

    /** How the job recovers from task failures; see {@link RestartStrategy}. */
    public StreamExecutionEnvironment setRestartStrategy(RestartStrategy restartStrategy) {
        executionConfig.setRestartStrategy(restartStrategy);
        return this;
    }

    public void registerJobListener(JobListener listener) {
        listeners.add(listener);
    }

    // ---------------------------------------------------------------- sources

    /** The numbers {@code from..to} inclusive; each parallel reader gets one contiguous range. */
    public DataStreamSource<Long> fromSequence(long from, long to) {
        return fromSource(new NumberSequenceSource(from, to), "Sequence", Types.LONG);
    }

    /** The given elements, in order (the source runs with parallelism 1 unless set otherwise). */
    @SafeVarargs
    public final <T> DataStreamSource<T> fromElements(T... elements) {
        if (elements.length == 0) {
            throw new IllegalArgumentException("fromElements() needs at least one element to know the type; "
                    + "use fromCollection(collection, type) for an empty input.");
        }
        return fromCollection(Arrays.asList(elements), typeOfElement(elements[0]));
    }

    /** The elements of a collection (non-empty, so the type can be derived from them). */
    public <T> DataStreamSource<T> fromCollection(Collection<T> elements) {
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("fromCollection() of an empty collection needs the element type: "
                    + "use fromCollection(collection, type).");
        }
        return fromCollection(elements, typeOfElement(elements.iterator().next()));
    }

    public <T> DataStreamSource<T> fromCollection(Collection<T> elements, TypeInfo<T> type) {
        CollectionSource<T> source = new CollectionSource<>(elements, type, executionConfig.getSerializerConfig());
        DataStreamSource<T> stream = fromSource(source, "Collection", type);
        stream.setParallelism(1);
        return stream;
    }

    /** The lines of a text file or of all files in a directory. */
    public DataStreamSource<String> readTextFile(String path) {
        return fromSource(TextFileSource.lines(path), "Text file " + path, Types.STRING);
    }

    /** Lines from a TCP server; ends when the server closes the connection. */
    public DataStreamSource<String> socketTextStream(String host, int port) {
        return fromSource(new SocketTextSource(host, port, 3), "Socket " + host + ":" + port, Types.STRING);
    }

    /** Reads from any {@link Source}; its type comes from {@link Source#getProducedType()}. */
    public <T> DataStreamSource<T> fromSource(Source<T, ?> source, String name) {
        TypeInfo<T> type = source.getProducedType();
        if (type == null) {
            throw new InvalidTypesException("Source '" + name + "' does not declare its type: "
                    + "use fromSource(source, name, type).");
        }
        return fromSource(source, name, type);
    }

    public <T> DataStreamSource<T> fromSource(Source<T, ?> source, String name, TypeInfo<T> type) {
        ClosureCheck.ensureSerializable(source, "source '" + name + "'");
        return new DataStreamSource<>(this, new SourceTransformation<>("Source: " + name, source, type,
                Transformation.DEFAULT_PARALLELISM));
    }

    @SuppressWarnings("unchecked")
    private static <T> TypeInfo<T> typeOfElement(T element) {
        if (element instanceof Tuple t) {
            TypeInfo<?>[] fields = new TypeInfo<?>[t.getArity()];
            for (int i = 0; i < fields.length; i++) {
                Object f = t.getField(i);
                if (f == null) {
                    throw new InvalidTypesException("Cannot derive the type of " + t + " because field " + i
                            + " is null: pass the type explicitly, e.g. fromCollection(list, Types.TUPLE(...)).");
                }
                fields[i] = typeOfElement(f);
            }
            return (TypeInfo<T>) Types.TUPLE(fields);
        }
        return (TypeInfo<T>) TypeExtractor.forClass(element.getClass());
    }

    // ---------------------------------------------------------------- running

    void addSink(Transformation<?> sink) {
        sinks.add(sink);
    }

    /**
     * The JSON plan of the program as it stands: operators, parallelism, exchanges and chaining, as
     * the executor of {@code execution.target} would run it.
     */
    public String getExecutionPlan() {
        return findExecutor().getExecutionPlan(pipeline("Eddy Streaming Job"));
    }

    /** The program defined so far, as a pipeline an executor runs; the environment keeps it. */
    public Pipeline getPipeline(String jobName) {
        return pipeline(jobName);
    }

    /** The program defined so far; forgets it, so the environment can build the next one. */
    private Pipeline takePipeline(String jobName) {
        try {
            return pipeline(jobName);
        } finally {
            sinks.clear();
        }
    }

    private Pipeline pipeline(String jobName) {
        return new Pipeline(jobName, sinks, executionConfig, parallelism, maxParallelism);
    }

    public JobExecutionResult execute() throws Exception {
        return execute("Eddy Streaming Job");
    }

    /**
     * Runs the program and waits for it to end; detached ({@code execution.attached: false}) it returns once
     * the job is submitted, with a result that holds only the job's id.
     *
     * @throws JobExecutionException when the job fails (the cause is the user's exception) or is cancelled
     * @throws InvalidProgramException when the program cannot run as written
     */
    public JobExecutionResult execute(String jobName) throws Exception {
        JobClient client = executeAsync(jobName);
        if (!configuration.get(DeploymentOptions.ATTACHED)) {
            JobExecutionResult submitted = new JobExecutionResult(client.getJobId(), 0, null);
            listeners.forEach(l -> l.onJobExecuted(submitted, null));
            return submitted;
        }
        try {
            JobExecutionResult result = client.getJobExecutionResult().get();
            listeners.forEach(l -> l.onJobExecuted(result, null));
            return result;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            listeners.forEach(l -> l.onJobExecuted(null, cause));
            if (cause instanceof JobExecutionException jobFailure) {
                throw jobFailure;
            }
            throw new JobExecutionException(client.getJobId(), JobStatus.FAILED,
                    "Job " + client.getJobId() + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            client.cancel();
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    /** Submits the program and returns at once with a handle on the running job. */
    public JobClient executeAsync(String jobName) throws Exception {
        Pipeline pipeline = takePipeline(jobName);
        PipelineExecutor executor = findExecutor();
        CompletableFuture<JobClient> submission = executor.execute(pipeline, configuration, userClassLoader);
        JobClient client;
        try {
            client = submission.get();
        } catch (ExecutionException e) {
            listeners.forEach(l -> l.onJobSubmitted(null, e.getCause()));
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        listeners.forEach(l -> l.onJobSubmitted(client, null));
        return client;
    }

    private PipelineExecutor findExecutor() {
        if (contextExecutor != null) {
            return contextExecutor;
        }
        String target = configuration.get(DeploymentOptions.TARGET);
        List<String> known = new ArrayList<>();
        for (PipelineExecutorFactory factory : ServiceLoader.load(PipelineExecutorFactory.class, userClassLoader)) {
            if (factory.name().equals(target)) {
                return factory.getExecutor(configuration);
            }
            known.add(factory.name());
        }
        throw new InvalidProgramException("No executor for execution.target '" + target + "'"
                + (known.isEmpty() ? ": no executors are on the classpath (add container-runtime)."
                        : "; available targets: " + String.join(", ", known) + "."));
    }
}
