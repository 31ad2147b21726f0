package io.eddy.yarn.deployment;

import io.eddy.api.config.Configuration;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The per-user file ({@code .yarn-properties-<user>}) that remembers the YARN session yarn-session.sh
 * started last, so that {@code eddy run -t yarn-session} finds it without {@code yarn.application.id}.
 */
public final class SessionProperties {
    private static final String APPLICATION_ID = "applicationID";

    private final Path file;

    public SessionProperties(Configuration config) {
        String dir = config.getOptional(YarnDeploymentOptions.PROPERTIES_FILE_DIR)
                .orElse(System.getProperty("java.io.tmpdir"));
        this.file = Path.of(dir, ".yarn-properties-" + System.getProperty("user.name"));
    }

    public void remember(String applicationId) throws IOException {
        Properties properties = new Properties();
        properties.setProperty(APPLICATION_ID, applicationId);
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, "The Eddy YARN session started last by yarn-session.sh");
        }
    }

    /** The remembered session, or {@code null}. */
    public String applicationId() throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        return properties.getProperty(APPLICATION_ID);
    }

    /** Forgets the session if it is the remembered one. */
    public void forget(String applicationId) throws IOException {
        if (applicationId.equals(applicationId())) {
            Files.deleteIfExists(file);
        }
    }

    /** The session named by {@code yarn.application.id}, else the remembered one; one line if neither. */
    public static String sessionOf(Configuration config) throws YarnDeploymentException {
        String id = config.getOptional(YarnDeploymentOptions.APPLICATION_ID).orElse(null);
        if (id != null) {
            return id;
        }
        try {
            id = new SessionProperties(config).applicationId();
        } catch (IOException e) {
            throw new YarnDeploymentException("Cannot read the YARN session file: " + e.getMessage(), e);
        }
        if (id == null) {
            throw new YarnDeploymentException("No YARN session known: start one with bin/yarn-session.sh -d, or name "
                    + "one with -D " + YarnDeploymentOptions.APPLICATION_ID.key() + "=<applicationId>");
        }
        return id;
    }
}
