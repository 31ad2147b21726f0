package io.eddy.yarn.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import io.eddy.api.config.Configuration;
import io.eddy.runtime.remote.ClusterClientFactory;
import io.eddy.runtime.rest.RestClient;
import io.eddy.yarn.deployment.YarnClusterDeployer.YarnApplication;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The command line's view of the YARN targets: {@code eddy list|info|cancel|savepoint|stop -t yarn-session}
 * reach the REST API of the application {@code yarn.application.id} names (else the session yarn-session.sh
 * started last), and {@code eddy run -t yarn-application} starts an application whose ApplicationMaster runs
 * the program ({@link YarnClusterDeployer#deployApplication}).
 */
public final class YarnClusterClientFactory implements ClusterClientFactory {
    private static final Set<String> TARGETS = Set.of("yarn-session", "yarn-per-job", "yarn-application");
    /** How long an application-mode program may take to submit its job once the application runs. */
    private static final Duration FIRST_JOB_TIMEOUT = Duration.ofMinutes(2);

    private final YarnExecutorFactories.EnvironmentSource environment;

    public YarnClusterClientFactory() {
        this(ClientEnvironment::fromSystem);
    }

    YarnClusterClientFactory(YarnExecutorFactories.EnvironmentSource environment) {
        this.environment = environment;
    }

    @Override
    public boolean isFor(String target) {
        return TARGETS.contains(target);
    }

    @Override
    public String restAddress(Configuration config) throws YarnDeploymentException {
        try (YarnClusterDeployer deployer = new YarnClusterDeployer(config, environment.get(), System.err)) {
            YarnApplication app = deployer.find(SessionProperties.sessionOf(config));
            return app.restHost() + ":" + app.restPort();
        }
    }

    @Override
    public boolean runsPrograms(String target) {
        return target.equals("yarn-application");
    }

    @Override
    public DeployedApplication deployApplication(Configuration config, Path jar, String mainClass, List<String> args)
            throws YarnDeploymentException, InterruptedException {
        Configuration appConfig = new Configuration(config);
        if (!appConfig.contains(YarnDeploymentOptions.APPLICATION_NAME)) {
            appConfig.set(YarnDeploymentOptions.APPLICATION_NAME, "Eddy application: " + jar.getFileName());
        }
        try (YarnClusterDeployer deployer = new YarnClusterDeployer(appConfig, environment.get(), System.err)) {
            YarnApplication app = deployer.deployApplication(jar, mainClass, args);
            String rest = app.restHost() + ":" + app.restPort();
            return new DeployedApplication(app.id().toString(), rest, awaitFirstJob(deployer, app, rest));
        }
    }

    /**
     * The first job the program in the ApplicationMaster submitted (the program may have submitted more
     * by the time the list is read; it lists the newest first); one line with YARN's diagnostics if it
     * failed first.
     */
    private static String awaitFirstJob(YarnClusterDeployer deployer, YarnApplication app, String rest)
            throws YarnDeploymentException, InterruptedException {
        RestClient client = new RestClient(rest, Duration.ofSeconds(5), Duration.ofSeconds(10));
        long deadline = System.nanoTime() + FIRST_JOB_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                JsonNode jobs = client.get("/jobs");
                if (!jobs.isEmpty()) {
                    return jobs.get(jobs.size() - 1).path("jobId").asText();
                }
            } catch (Exception e) {
                // the program failed and the application is ending: YARN's report says why
                var report = deployer.awaitEnd(app.id());
                throw new YarnDeploymentException("Application " + app.id() + " ended " + report.getFinalApplicationStatus()
                        + " before its program submitted a job: " + report.getDiagnostics().strip());
            }
            Thread.sleep(250);
        }
        throw new YarnDeploymentException("The program in application " + app.id() + " submitted no job within "
                + FIRST_JOB_TIMEOUT.toSeconds() + " s; see its log: yarn logs -applicationId " + app.id());
    }
}
