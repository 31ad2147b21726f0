package io.eddy.ml.cli;

import io.eddy.api.config.Configuration;
import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.execution.DeploymentOptions;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.rich.RichGroupReduceFunction;
import io.eddy.api.fs.FileSystem;
import io.eddy.api.fs.FileSystems;
import io.eddy.api.dataset.Order;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.Types;
import io.eddy.ml.classification.KNearestNeighbors;
import io.eddy.ml.classification.LinearSvm;
import io.eddy.ml.classification.LogisticRegression;
import io.eddy.ml.classification.NaiveBayes;
import io.eddy.ml.clustering.KMeans;
import io.eddy.ml.clustering.KMeansModel;
import io.eddy.ml.evaluation.ClassificationMetrics;
import io.eddy.ml.evaluation.RegressionMetrics;
import io.eddy.ml.io.HadoopPaths;
import io.eddy.ml.io.InputOrder;
import io.eddy.ml.io.PartLines;
import io.eddy.ml.io.Ratings;
import io.eddy.ml.io.VectorFiles;
import io.eddy.ml.io.VectorFormat;
import io.eddy.ml.linalg.DenseVector;
import io.eddy.ml.linalg.LabeledVector;
import io.eddy.ml.linalg.LinalgTypes;
import io.eddy.ml.pipeline.Estimator;
import io.eddy.ml.pipeline.Model;
import io.eddy.ml.pipeline.ModelFile;
import io.eddy.ml.pipeline.Param;
import io.eddy.ml.pipeline.Predictor;
import io.eddy.ml.pipeline.Transformer;
import io.eddy.ml.pipeline.WithParams;
import io.eddy.ml.preprocessing.MinMaxScaler;
import io.eddy.ml.preprocessing.PolynomialFeatures;
import io.eddy.ml.preprocessing.StandardScaler;
import io.eddy.ml.recommendation.Als;
import io.eddy.ml.recommendation.AlsFactorFiles;
import io.eddy.ml.regression.LinearModel;
import io.eddy.ml.regression.MultipleLinearRegression;
import io.eddy.ml.regression.SgdLinearRegression;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code eddy ml <algorithm> --train <path> [--test <path>] [--output <dir>] [options]}: trains one of
 * the library's algorithms on a CSV (or LibSVM) input and writes what it learned, as README.md
 * documents. The {@code eddy} command line ({@code client}) hands its arguments here. Wrong arguments
 * throw {@link UsageException} with one message that names the problem and the fix.
 */
public final class MlCommand {
    /** A mistake on the command line; the message says what to do. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    /** One algorithm: its estimator (whose parameters are the command's options) and its kind of output. */
    private record Algorithm(String name, Supplier<? extends WithParams<?>> estimator, String kind, String summary) {}

    private static final Map<String, Algorithm> ALGORITHMS = new LinkedHashMap<>();

    static {
        add(new Algorithm("standard-scaler", StandardScaler::new, "transformer", "(x − mean) / sample standard deviation"));
        add(new Algorithm("minmax-scaler", MinMaxScaler::new, "transformer", "each feature to [0, 1]"));
        add(new Algorithm("polynomial-features", PolynomialFeatures::new, "transformer", "all monomials of degree 1..degree"));
        add(new Algorithm("linear-regression", MultipleLinearRegression::new, "regression", "least squares with an intercept (normal equations)"));
        add(new Algorithm("ridge", () -> new MultipleLinearRegression().set(MultipleLinearRegression.LAMBDA, 1.0), "regression",
                "(1/2n)·‖y − Xw − b‖² + (λ/2)·‖w‖² (normal equations; --lambda defaults to 1)"));
        add(new Algorithm("sgd-regression", SgdLinearRegression::new, "regression", "ridge by mini-batch gradient descent"));
        add(new Algorithm("logistic-regression", LogisticRegression::new, "classifier", "L2 logistic regression to the optimum (L-BFGS)"));
        add(new Algorithm("svm", LinearSvm::new, "classifier", "soft-margin linear SVM, hinge loss (CoCoA dual coordinate ascent)"));
        add(new Algorithm("naive-bayes", NaiveBayes::new, "classifier", "multinomial naive Bayes"));
        add(new Algorithm("knn", KNearestNeighbors::new, "knn", "exact k-nearest-neighbours classification of --test"));
        add(new Algorithm("kmeans", KMeans::new, "clustering", "Lloyd's k-means"));
        add(new Algorithm("als", Als::new, "recommendation", "ALS-WR matrix factorisation of user<TAB>item<TAB>rating lines"));
    }

    private static void add(Algorithm a) {
        ALGORITHMS.put(a.name(), a);
    }

    static final String USAGE = """
            Usage: eddy ml <algorithm> --train <path> [--test <path>] [--output <dir>] [options]

            Algorithms:
            %s
            Options:
              --train <path>        training data: a file or a directory of files; this and every other
                                    path may be local or a URI (hdfs://namenode:8020/data)
              --test <path>         test data: prints and writes the metrics (accuracy for classifiers
                                    and knn, rmse and mae for regression and als) to <dir>/metrics;
                                    knn also writes <dir>/predictions/part-*, one label per test row:
                                    the part files in name order are in the order of the test rows
              --output <dir>        where the results go (default: ml-output); must not exist yet; a local
                                    directory or a URI such as hdfs://namenode:8020/out
              --model-out <path>    also save the model file there (it is always saved as <dir>/model)
              --format csv|libsvm   input format (default csv: rows f1,...,fd,label)
              --no-label            CSV rows without the label column (transformers, kmeans)
              --centroids <path>    kmeans: initial centroids, one per row, in the input's CSV format
              -p <n>                parallelism (default: the configuration's)
              -t <target>           where the job runs: local (default) or remote
              --<parameter> <value> a parameter of the algorithm: see eddy ml <algorithm> --help
            """;

    private final PrintStream out;
    private final Configuration configuration;

    public MlCommand(PrintStream out, Configuration configuration) {
        this.out = out;
        this.configuration = configuration;
    }

    /** Runs the command; returns the process exit code 0, or throws. */
    public int run(List<String> args) throws UsageException, Exception {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            out.print(usage());
            return 0;
        }
        Algorithm algorithm = ALGORITHMS.get(args.get(0));
        if (algorithm == null) {
            throw new UsageException("unknown algorithm '" + args.get(0) + "'; choose one of " + String.join(", ", ALGORITHMS.keySet()));
        }
        WithParams<?> estimator = algorithm.estimator().get();
        Map<String, String> options = new LinkedHashMap<>();
        boolean noLabel = false;
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-h")) {
                out.print(help(algorithm, estimator));
                return 0;
            }
            if (a.equals("--no-label")) {
                noLabel = true;
                continue;
            }
            if (!a.startsWith("-") || a.equals("-") || a.equals("--")) {
                throw new UsageException("unexpected argument '" + a + "': options are --name value (see eddy ml "
                        + algorithm.name() + " --help)");
            }
            if (i + 1 >= args.size()) {
                throw new UsageException("option " + a + " needs a value");
            }
            options.put(a, args.get(++i));
        }
        String train = require(options.remove("--train"), "--train <path> is missing: give the training data");
        String test = options.remove("--test");
        String output = options.getOrDefault("--output", "ml-output");
        options.remove("--output");
        String modelOut = options.remove("--model-out");
        String centroids = options.remove("--centroids");
        String format = options.getOrDefault("--format", "csv");
        options.remove("--format");
        if (!format.equals("csv") && !format.equals("libsvm")) {
            throw new UsageException("--format must be csv or libsvm, got '" + format + "'");
        }
        if (format.equals("libsvm") && noLabel) {
            throw new UsageException("--no-label applies to CSV input only: LibSVM lines always start with the label");
        }
        Configuration config = new Configuration(configuration);
        String parallelism = options.remove("-p");
        String target = options.remove("-t");
        if (target != null) {
            config.set(DeploymentOptions.TARGET, target);
        }
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (!e.getKey().startsWith("--")) {
                throw new UsageException("unknown option " + e.getKey() + " (see eddy ml " + algorithm.name() + " --help)");
            }
            try {
                estimator.set(e.getKey().substring(2), e.getValue());
            } catch (IllegalArgumentException bad) {
                throw new UsageException(bad.getMessage() + " (see eddy ml " + algorithm.name() + " --help)");
            }
        }
        if (centroids != null && !algorithm.kind().equals("clustering")) {
            throw new UsageException("--centroids gives the initial centroids of kmeans; " + algorithm.name() + " takes none");
        }
        String dir = checkNewOutput(output);
        if (modelOut != null) {
            modelOut = absolute(modelOut);
            fileSystem(modelOut, "--model-out");
        }

        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment(config);
        if (parallelism != null) {
            try {
                env.setParallelism(Integer.parseInt(parallelism));
            } catch (NumberFormatException e) {
                throw new UsageException("-p takes a number, got '" + parallelism + "'");
            }
        }
        if (algorithm.kind().equals("recommendation")) {
            return runAls((Als) estimator, env, train, test, dir, modelOut, config, parallelism);
        }
        VectorFormat trainFormat = format(train, format, !noLabel, "--train");
        if (test != null) {
            VectorFormat testFormat = format(test, format, !noLabel, "--test");
            if (format.equals("csv") && trainFormat.dimension() != testFormat.dimension()) {
                throw new UsageException("the training data " + train + " has " + trainFormat.dimension() + " features, the test data "
                        + test + " has " + testFormat.dimension() + ": they must have the same");
            }
            // LibSVM rows are sparse: a test set may use fewer of the features, not more than were trained
            if (testFormat.dimension() > trainFormat.dimension()) {
                throw new UsageException("the test data " + test + " has feature indices up to " + testFormat.dimension()
                        + ", the training data " + train + " only up to " + trainFormat.dimension()
                        + ": the model has no weights for the others; give test data with the training data's features");
            }
        }
        if (centroids != null) {
            ((KMeans) estimator).setInitialCentroids(readCentroids(centroids, !noLabel, trainFormat.dimension(), train));
        }
        if (!algorithm.kind().equals("transformer") && !algorithm.kind().equals("clustering") && !trainFormat.hasLabel()) {
            throw new UsageException(algorithm.name() + " learns from labels: drop --no-label");
        }
        if (algorithm.kind().equals("knn") && test == null) {
            throw new UsageException("knn classifies the rows of --test <path>: give it");
        }
        FileSystems.get(dir).mkdirs(dir);

        DataSet<LabeledVector> training = VectorFiles.read(env, train, trainFormat);
        if (algorithm.kind().equals("knn")) {
            return runKnn((KNearestNeighbors) estimator, training, VectorFiles.readIndexed(env, test, trainFormat),
                    InputOrder.of(test), dir);
        }
        List<String> modelFiles = new ArrayList<>(List.of(HadoopPaths.child(dir, "model")));
        if (modelOut != null) {
            modelFiles.add(modelOut);
        }
        Model model;
        if (estimator instanceof LinearSvm svm) {
            // the cluster writes the weights and the model files; the client reads the model back for the test metrics
            LinearModel.writeFiles(svm.train(training), HadoopPaths.child(dir, "weights"), modelFiles).collect();
            model = ModelFile.load(modelFiles.get(0));
        } else {
            @SuppressWarnings("unchecked")
            Model fitted = ((Estimator<? extends Model>) estimator).fit(training);
            for (String file : modelFiles) {
                fitted.save(file);
            }
            model = fitted;
        }
        switch (algorithm.kind()) {
            case "transformer" -> {
                ExecutionEnvironment write = environment(config, parallelism);
                DataSet<Tuple2<Long, LabeledVector>> rows = VectorFiles.readIndexed(write, train, trainFormat)
                        .map(new TransformRow((Transformer) model)).returns(Types.TUPLE(Types.LONG, LinalgTypes.LABELED_VECTOR));
                String features = HadoopPaths.child(dir, "features");
                long written = 0;
                for (long rowsOfPart : VectorFiles.writeInOrder(rows, InputOrder.of(train), features, VectorFormat.csv(false, 0))
                        .collect()) {
                    written += rowsOfPart;
                }
                out.println("Wrote " + written + " rows of transformed features to " + features);
            }
            case "regression", "classifier" -> {
                if (model instanceof LinearModel linear) {
                    if (!(estimator instanceof LinearSvm)) {
                        HadoopPaths.writeText(HadoopPaths.child(dir, "weights"), linear.toTable());
                    }
                    out.println("Wrote the weights to " + HadoopPaths.child(dir, "weights"));
                }
            }
            case "clustering" -> {
                StringBuilder lines = new StringBuilder();
                for (double[] c : ((KMeansModel) model).centroids()) {
                    lines.append(VectorFiles.toCsv(new DenseVector(c))).append('\n');
                }
                HadoopPaths.writeText(HadoopPaths.child(dir, "centroids"), lines);
                out.printf(Locale.ROOT, "Wrote %d centroids to %s; cost %.6f%n", ((KMeansModel) model).centroids().length,
                        HadoopPaths.child(dir, "centroids"), ((KMeansModel) model).cost());
            }
            default -> throw new IllegalStateException(algorithm.kind());
        }
        if (test != null && model instanceof Predictor predictor && !algorithm.kind().equals("clustering")) {
            ExecutionEnvironment evaluation = environment(config, parallelism);
            DataSet<Tuple2<Double, Double>> pairs = predictor.evaluate(VectorFiles.read(evaluation, test, trainFormat));
            StringBuilder metrics = new StringBuilder();
            if (algorithm.kind().equals("classifier")) {
                metrics.append("accuracy\t").append(ClassificationMetrics.of(pairs).accuracy()).append('\n');
            } else {
                RegressionMetrics m = RegressionMetrics.of(pairs);
                metrics.append("rmse\t").append(m.rmse()).append('\n').append("mae\t").append(m.mae()).append('\n');
            }
            HadoopPaths.writeText(HadoopPaths.child(dir, "metrics"), metrics);
            out.print(metrics);
        }
        return 0;
    }

    /**
     * Classifies the test rows; the cluster writes their predicted labels in input order to part files
     * in {@code <dir>/predictions}, in parallel (each subtask a consecutive range of the test input, see
     * {@link InputOrder}), and counts them and the right ones, the only numbers that come back to the
     * client: the accuracy.
     */
    private int runKnn(KNearestNeighbors knn, DataSet<LabeledVector> training, DataSet<Tuple2<Long, LabeledVector>> test,
                       InputOrder testOrder, String dir) throws Exception {
        String predictions = HadoopPaths.child(dir, "predictions");
        long written = 0;
        long right = 0;
        for (long[] counts : knn.predict(training, test).partitionCustom(testOrder, 0).sortPartition(0, Order.ASCENDING)
                .mapPartition(new WritePredictions(predictions)).returns(Types.LONG_ARRAY).name("write predictions").collect()) {
            written += counts[0];
            right += counts[1];
        }
        String metrics = "accuracy\t" + (double) right / written + "\n";
        HadoopPaths.writeText(HadoopPaths.child(dir, "metrics"), metrics);
        out.println("Wrote " + written + " predictions to " + predictions);
        out.print(metrics);
        return 0;
    }

    /**
     * Writes the predicted label of each {@code (position, label, prediction)}, in the order they come, as
     * a line of the subtask's part file; emits {@code [lines, right ones]}.
     */
    private static final class WritePredictions extends RichGroupReduceFunction<Tuple3<Long, Double, Double>, long[]> {
        private static final long serialVersionUID = 1L;
        private final String directory;

        WritePredictions(String directory) {
            this.directory = directory;
        }

        @Override
        public void reduce(Iterable<Tuple3<Long, Double, Double>> predictions, Collector<long[]> collector) throws IOException {
            long right = 0;
            long lines;
            try (PartLines part = PartLines.create(directory, getRuntimeContext().getIndexOfThisSubtask())) {
                for (Tuple3<Long, Double, Double> p : predictions) {
                    part.line().append(p.f2.doubleValue());
                    part.end();
                    right += p.f1.equals(p.f2) ? 1 : 0;
                }
                lines = part.lines();
            }
            collector.collect(new long[] {lines, right});
        }
    }

    /** Trains ALS on rating lines; writes {@code users/} and {@code items/} factors, and with a test set rmse and mae. */
    private int runAls(Als als, ExecutionEnvironment env, String train, String test, String dir, String modelOut,
                       Configuration config, String parallelism) throws Exception {
        try {
            Ratings.checkExists(train);
            if (test != null) {
                Ratings.checkExists(test);
            }
        } catch (IOException e) {
            throw new UsageException(e.getMessage());
        }
        String users = HadoopPaths.child(dir, "users");
        String items = HadoopPaths.child(dir, "items");
        List<String> models = new ArrayList<>(List.of(HadoopPaths.child(dir, "model")));
        if (modelOut != null) {
            models.add(modelOut);
        }
        long[] written = AlsFactorFiles.write(als.train(Ratings.read(env, train)), als.get(Als.RANK), users, items, models)
                .collect().get(0);
        out.println("Wrote " + written[0] + " user and " + written[1] + " item factors to " + users + " and " + items);
        if (test != null) {
            ExecutionEnvironment evaluation = environment(config, parallelism);
            RegressionMetrics m = RegressionMetrics.of(AlsFactorFiles.evaluate(Ratings.read(evaluation, test),
                    AlsFactorFiles.read(evaluation, users), AlsFactorFiles.read(evaluation, items)));
            String metrics = "rmse\t" + m.rmse() + "\nmae\t" + m.mae() + "\n";
            HadoopPaths.writeText(HadoopPaths.child(dir, "metrics"), metrics);
            out.print(metrics);
        }
        return 0;
    }

    /** {@code --output} made {@link #absolute}, checked to be on a file system and not there yet. */
    private static String checkNewOutput(String output) throws UsageException, IOException {
        String dir = absolute(output);
        FileSystem fs = fileSystem(dir, "--output");
        if (fs.exists(dir)) {
            throw new UsageException("output directory " + fs.status(dir).path() + " exists: remove it or give another --output");
        }
        return dir;
    }

    /**
     * A plain relative local path (no scheme) as an absolute one: the TaskManagers write part of the
     * results, and a remote one's working directory is not the client's.
     */
    private static String absolute(String path) {
        return path.contains(":") ? path : java.nio.file.Path.of(path).toAbsolutePath().toString();
    }

    /** The file system of {@code path}; a scheme none serves is a usage mistake, named with its fix. */
    private static FileSystem fileSystem(String path, String option) throws UsageException, IOException {
        try {
            return FileSystems.get(path);
        } catch (FileSystems.UnsupportedFileSystemException e) {
            throw new UsageException(option + " " + path + ": " + e.getMessage());
        }
    }

    /** A further job's environment, with the command's parallelism (checked when the first was made). */
    private static ExecutionEnvironment environment(Configuration config, String parallelism) {
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment(config);
        if (parallelism != null) {
            env.setParallelism(Integer.parseInt(parallelism));
        }
        return env;
    }

    private static String require(String value, String message) throws UsageException {
        if (value == null) {
            throw new UsageException(message);
        }
        return value;
    }

    /** The input's format with its dimension, read from its first rows (which also checks that it exists). */
    private static VectorFormat format(String path, String format, boolean hasLabel, String option) throws UsageException {
        try {
            return format.equals("csv") ? VectorFormat.csv(hasLabel, VectorFiles.csvDimension(path, hasLabel))
                    : VectorFormat.libSvm(VectorFiles.libSvmDimension(path));
        } catch (IOException e) {
            throw new UsageException(option + " " + path + ": " + e.getMessage());
        }
    }

    /** The rows of {@code path}, each of {@code dimension} features as the training data {@code train} has. */
    private static List<DenseVector> readCentroids(String path, boolean hasLabel, int dimension, String train)
            throws UsageException {
        VectorFormat format = VectorFormat.csv(hasLabel, 0);
        List<DenseVector> centroids = new ArrayList<>();
        try {
            List<String> lines = new ArrayList<>();
            try (java.io.BufferedReader reader = HadoopPaths.openText(path)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                }
            }
            int lineNumber = 0;
            for (String line : lines) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                DenseVector centroid;
                try {
                    centroid = format.parse(line).features().toDense();
                } catch (VectorFormat.MalformedLineException e) {
                    throw new UsageException("--centroids " + path + ", line " + lineNumber + ": " + e.getMessage());
                }
                if (centroid.size() != dimension) {
                    throw new UsageException("--centroids " + path + ", line " + lineNumber + ": the centroid has "
                            + centroid.size() + " features, the training data " + train + " has " + dimension
                            + ": they must have the same" + (hasLabel ? " (rows without a label column need --no-label)" : ""));
                }
                centroids.add(centroid);
            }
        } catch (IOException e) {
            throw new UsageException("--centroids " + path + " cannot be read: " + e);
        }
        if (centroids.isEmpty()) {
            throw new UsageException("--centroids " + path + " has no rows");
        }
        return centroids;
    }

    private record TransformRow(Transformer transformer) implements MapFunction<Tuple2<Long, LabeledVector>, Tuple2<Long, LabeledVector>> {
        @Override
        public Tuple2<Long, LabeledVector> map(Tuple2<Long, LabeledVector> row) {
            return Tuple2.of(row.f0, new LabeledVector(row.f1.label(), transformer.transform(row.f1.features())));
        }
    }

    static String usage() {
        StringBuilder list = new StringBuilder();
        for (Algorithm a : ALGORITHMS.values()) {
            list.append(String.format(Locale.ROOT, "  %-22s%s%n", a.name(), a.summary()));
        }
        return String.format(USAGE, list);
    }

    private static String help(Algorithm algorithm, WithParams<?> estimator) {
        StringBuilder b = new StringBuilder("eddy ml " + algorithm.name() + ": " + algorithm.summary() + "\n\nParameters:\n");
        List<Param<?>> params = estimator.params();
        if (params.isEmpty()) {
            b.append("  (none)\n");
        }
        for (Param<?> p : params) {
            b.append("  ").append(p.describe()).append('\n');
        }
        return b.append("\n").append(usage().substring(usage().indexOf("Options:"))).toString();
    }
}
