package io.eddy.yarn.deployment;

import io.eddy.api.config.Configuration;
import io.eddy.api.execution.JobClient;
import io.eddy.api.pipeline.PipelineExecutor;
import io.eddy.api.pipeline.PipelineExecutorFactory;
import io.eddy.api.execution.CheckpointConfig;
import io.eddy.runtime.jobgraph.JobGraph;
import io.eddy.runtime.remote.RemoteExecutorFactory;
import io.eddy.runtime.translation.JobGraphExecutor;
import io.eddy.runtime.rest.RestOptions;
import io.eddy.yarn.deployment.YarnClusterDeployer.YarnApplication;

import org.apache.hadoop.fs.FileSystem;
import java.util.concurrent.CompletableFuture;

/**
 * The YARN targets of {@code execution.target}: {@code yarn-session} submits to a running session
 * ({@code yarn.application.id}, else the one yarn-session.sh started last), {@code yarn-per-job}
 * starts an application for the job that ends with it (for {@code yarn-application}, where the program
 * runs in the ApplicationMaster, see {@link YarnClusterClientFactory}). Both then hand the job to the application's
 * REST API like the {@code remote} target. A job that checkpoints without a directory of its own
 * checkpoints to {@code /eddy/checkpoints} on the cluster's default file system, and one without a
 * savepoint directory takes its savepoints into {@code /eddy/savepoints} there.
 */
public final class YarnExecutorFactories {
    private YarnExecutorFactories() {}

    /** Where the executors find the Hadoop configuration and the distribution: the process environment. */
    interface EnvironmentSource {
        ClientEnvironment get() throws YarnDeploymentException;
    }

    /** {@code -t yarn-session}. */
    public static final class Session implements PipelineExecutorFactory {
        private final EnvironmentSource environment;

        public Session() {
            this(ClientEnvironment::fromSystem);
        }

        Session(EnvironmentSource environment) {
            this.environment = environment;
        }

        @Override
        public String name() {
            return "yarn-session";
        }

        @Override
        public PipelineExecutor getExecutor(Configuration config) {
            JobGraphExecutor executor = (job, jobConfig, classLoader) -> {
                ClientEnvironment client = environment.get();
                defaultCheckpointDirectories(job, client);
                try (YarnClusterDeployer deployer = new YarnClusterDeployer(jobConfig, client, System.err)) {
                    YarnApplication session = deployer.find(SessionProperties.sessionOf(jobConfig));
                    System.err.println("Job " + job.getJobId() + " goes to YARN session " + session.id()
                            + " (REST API at " + session.restAddress() + ")");
                    return submit(session, job, jobConfig, classLoader);
                }
            };
            return executor;
        }
    }

    /** {@code -t yarn-per-job}. */
    public static final class PerJob implements PipelineExecutorFactory {
        private final EnvironmentSource environment;

        public PerJob() {
            this(ClientEnvironment::fromSystem);
        }

        PerJob(EnvironmentSource environment) {
            this.environment = environment;
        }

        @Override
        public String name() {
            return "yarn-per-job";
        }

        @Override
        public PipelineExecutor getExecutor(Configuration config) {
            JobGraphExecutor executor = (job, jobConfig, classLoader) -> {
                Configuration appConfig = new Configuration(jobConfig);
                if (!appConfig.contains(YarnDeploymentOptions.APPLICATION_NAME)) {
                    appConfig.set(YarnDeploymentOptions.APPLICATION_NAME, "Eddy per-job: " + job.getName());
                }
                ClientEnvironment client = environment.get();
                defaultCheckpointDirectories(job, client);
                try (YarnClusterDeployer deployer = new YarnClusterDeployer(appConfig, client, System.err)) {
                    YarnApplication app = deployer.deploy(0, true);
                    System.err.println("Application " + app.id() + " runs job " + job.getJobId() + "; REST API at "
                            + app.restAddress());
                    return submit(app, job, jobConfig, classLoader);
                }
            };
            return executor;
        }
    }

    private static void defaultCheckpointDirectories(JobGraph job, ClientEnvironment client) {
        CheckpointConfig checkpoints = job.getExecutionConfig().getCheckpointConfig();
        String cluster = FileSystem.getDefaultUri(client.configuration()).toString();
        if (checkpoints.isCheckpointingEnabled() && checkpoints.getCheckpointDirectory() == null) {
            checkpoints.setCheckpointDirectory(cluster + "/eddy/checkpoints");
        }
        if (checkpoints.getSavepointDirectory() == null) {
            checkpoints.setSavepointDirectory(cluster + "/eddy/savepoints");
        }
    }

    private static CompletableFuture<JobClient> submit(YarnApplication app, JobGraph job, Configuration config,
            ClassLoader classLoader) throws Exception {
        Configuration remote = new Configuration(config);
        remote.set(RestOptions.ADDRESS, app.restHost());
        remote.set(RestOptions.PORT, app.restPort());
        return ((JobGraphExecutor) new RemoteExecutorFactory().getExecutor(remote)).submit(job, remote, classLoader);
    }
}
