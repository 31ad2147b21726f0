package io.eddy.runtime.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.eddy.api.config.Configuration;
import io.eddy.api.config.IllegalConfigurationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads the cluster-wide configuration file {@code eddy-conf.yaml}. Nested keys are flattened, so
 * <pre>
 * taskmanager:
 *   numberOfTaskSlots: 4
 * </pre>
 * and {@code taskmanager.numberOfTaskSlots: 4} mean the same.
 */
public final class GlobalConfiguration {
    public static final String FILE_NAME = "eddy-conf.yaml";
    /** Environment variable naming the configuration directory; set by the launch scripts. */
    public static final String CONF_DIR_ENV = "EDDY_CONF_DIR";

    private GlobalConfiguration() {}

    /**
     * Loads {@code eddy-conf.yaml} from the directory in {@value #CONF_DIR_ENV}, or returns an empty
     * configuration when the variable is not set.
     */
    public static Configuration loadFromEnvironment() {
        String dir = System.getenv(CONF_DIR_ENV);
        return dir == null || dir.isEmpty() ? new Configuration() : load(Path.of(dir));
    }

    /**
     * Loads {@code eddy-conf.yaml} from {@code confDir}.
     *
     * @throws IllegalConfigurationException when the directory or file is missing or not valid YAML,
     *     naming the file and the position of the error
     */
    public static Configuration load(Path confDir) {
        if (!Files.isDirectory(confDir)) {
            throw new IllegalConfigurationException("Configuration directory " + confDir + " does not exist; "
                    + "point " + CONF_DIR_ENV + " at the directory holding " + FILE_NAME + ".");
        }
        Path file = confDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return new Configuration();
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalConfigurationException(file + (at == null ? "" : ":" + at.getLineNr())
                    + " is not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalConfigurationException("Cannot read " + file + ": " + e.getMessage());
        }
        Configuration config = new Configuration();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return config;
        }
        if (!root.isObject()) {
            throw new IllegalConfigurationException(file + " must hold 'key: value' pairs, not a " + root.getNodeType());
        }
        flatten("", root, config, file);
        return config;
    }

    private static void flatten(String prefix, JsonNode node, Configuration into, Path file) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(key + ".", value, into, file);
            } else if (value.isArray()) {
                StringBuilder joined = new StringBuilder();
                for (JsonNode element : value) {
                    if (element.isContainerNode()) {
                        throw new IllegalConfigurationException(file + ": list '" + key + "' may only hold plain values.");
                    }
                    joined.append(joined.length() == 0 ? "" : ";").append(element.asText());
                }
                into.setString(key, joined.toString());
            } else if (!value.isNull()) {
                into.setString(key, value.asText());
            }
        }
    }
}
