package io.eddy.runtime.metrics.reporters;

import io.eddy.api.config.ConfigOption;
import io.eddy.api.config.ConfigOptions;
import io.eddy.api.config.Configuration;

import java.time.Duration;
import java.util.Map;

/**
 * Which reporters a process starts: {@code metrics.reporters: prom, jmx} names them, and each
 * one's options are {@code metrics.reporter.<name>.<option>}, e.g.
 * <pre>
 * metrics.reporters: prom, jmx, log
 * metrics.reporter.prom.port: 9249-9259     # a range: each process on a host takes the first free port
 * metrics.reporter.log.interval: 60 s
 * </pre>
 * A reporter's type is its {@code type} option, else its name when that is one of
 * {@code prometheus} (or {@code prom}), {@code jmx}, {@code log}.
 */
public final class MetricOptions {
    private MetricOptions() {}

    public static final ConfigOption<String> REPORTERS = ConfigOptions.key("metrics.reporters")
            .stringType()
            .defaultValue("")
            .withDescription("Comma-separated names of the metric reporters each JobManager and TaskManager process "
                    + "starts; options of a reporter are metrics.reporter.<name>.<option>.");

    /** The keys of one reporter's options start with this; {@link #reporterConfiguration} fills in the name. */
    static final String PREFIX = "metrics.reporter.<name>.";

    /** Options of one reporter, read from its {@link #reporterConfiguration}. */
    public static final ConfigOption<String> TYPE = ConfigOptions.key(PREFIX + "type")
            .stringType()
            .noDefaultValue()
            .withDescription("prometheus, jmx or log (default: the reporter's name).");

    public static final ConfigOption<String> PORT = ConfigOptions.key(PREFIX + "port")
            .stringType()
            .defaultValue("9249")
            .withDescription("Prometheus: a port or a range 'from-to'; each process on a "
                    + "host takes the first free one, so one range serves a JobManager and several TaskManagers.");

    public static final ConfigOption<String> HOST = ConfigOptions.key(PREFIX + "host")
            .stringType()
            .defaultValue("0.0.0.0")
            .withDescription("Prometheus: the interface the endpoint listens on.");

    public static final ConfigOption<Duration> INTERVAL = ConfigOptions.key(PREFIX + "interval")
            .durationType()
            .defaultValue(Duration.ofSeconds(60))
            .withDescription("Log reporter: how often all metrics are logged.");

    public static final ConfigOption<String> DOMAIN = ConfigOptions.key(PREFIX + "domain")
            .stringType()
            .defaultValue("io.eddy")
            .withDescription("JMX: the domain of the MBeans' object names.");

    /**
     * The options of reporter {@code name}: its {@code metrics.reporter.<name>.*} entries, keyed as
     * declared here (with the literal {@code <name>}).
     */
    static Configuration reporterConfiguration(Configuration config, String name) {
        String prefix = "metrics.reporter." + name + ".";
        Configuration subset = new Configuration();
        for (Map.Entry<String, String> e : config.toMap().entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                subset.setString(PREFIX + e.getKey().substring(prefix.length()), e.getValue());
            }
        }
        return subset;
    }
}
