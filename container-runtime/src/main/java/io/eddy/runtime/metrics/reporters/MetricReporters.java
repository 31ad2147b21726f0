package io.eddy.runtime.metrics.reporters;

import io.eddy.api.config.Configuration;
import io.eddy.runtime.metrics.MetricRegistry;
import io.eddy.runtime.metrics.MetricReporter;

import java.util.Locale;

/** Creates a process's {@link MetricRegistry} with the reporters its configuration names. */
public final class MetricReporters {
    private MetricReporters() {}

    /**
     * A registry with the reporters of {@code metrics.reporters}, opened (a Prometheus endpoint
     * listens when this returns). Throws with the reporter's name and the option to fix when one
     * cannot start; the registry is then closed.
     */
    public static MetricRegistry createRegistry(Configuration config) {
        MetricRegistry registry = new MetricRegistry();
        try {
            for (String name : config.get(MetricOptions.REPORTERS).split(",")) {
                name = name.strip();
                if (!name.isEmpty()) {
                    registry.addReporter(create(name, MetricOptions.reporterConfiguration(config, name)));
                }
            }
        } catch (Exception e) {
            registry.close();
            throw e instanceof IllegalArgumentException iae ? iae
                    : new IllegalStateException("Metric reporter failed to start: " + e.getMessage(), e);
        }
        return registry;
    }

    private static MetricReporter create(String name, Configuration options) {
        String type = options.getOptional(MetricOptions.TYPE).orElse(name).toLowerCase(Locale.ROOT);
        return switch (type) {
            case "prometheus", "prom" -> new PrometheusReporter(name, options.get(MetricOptions.HOST),
                    PortRange.parse(options.get(MetricOptions.PORT), "metrics.reporter." + name + ".port"));
            case "jmx" -> new JmxReporter(options.get(MetricOptions.DOMAIN));
            case "log", "slf4j" -> new LogReporter(options.get(MetricOptions.INTERVAL));
            default -> throw new IllegalArgumentException("Metric reporter '" + name + "' has no known type ('" + type
                    + "'): set metrics.reporter." + name + ".type to prometheus, jmx or log");
        };
    }
}
