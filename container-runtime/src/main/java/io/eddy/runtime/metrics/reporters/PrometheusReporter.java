package io.eddy.runtime.metrics.reporters;

import io.eddy.api.metrics.Counter;
import io.eddy.api.metrics.Gauge;
import io.eddy.api.metrics.Histogram;
import io.eddy.api.metrics.HistogramStatistics;
import io.eddy.api.metrics.Meter;
import io.eddy.api.metrics.Metric;
import io.eddy.runtime.metrics.MetricRegistry;
import io.eddy.runtime.metrics.MetricReporter;
import io.eddy.runtime.metrics.RegisteredMetric;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Serves the process's metrics in the Prometheus text format at {@code http://host:port/metrics},
 * through the Prometheus Java client's HTTP server. Nothing is kept between scrapes: each scrape
 * reads the registry. A metric is named {@code eddy_<scope>_<name>} (e.g.
 * {@code eddy_taskmanager_job_task_operator_numRecordsIn}) with its group's variables as labels;
 * counters are counters, numeric gauges and meters (their rate) gauges, histograms summaries.
 * Non-numeric gauges are left out.
 */
final class PrometheusReporter implements MetricReporter, MultiCollector {
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusReporter.class);

    private final String name;
    private final String host;
    private final PortRange ports;
    private MetricRegistry registry;
    private HTTPServer server;

    PrometheusReporter(String name, String host, PortRange ports) {
        this.name = name;
        this.host = host;
        this.ports = ports;
    }

    @Override
    public void open(MetricRegistry registry) throws IOException {
        this.registry = registry;
        PrometheusRegistry prometheus = new PrometheusRegistry();
        prometheus.register(this);
        IOException last = null;
        for (int port = ports.from(); port <= ports.to(); port++) {
            try {
                server = HTTPServer.builder().hostname(host).port(port).registry(prometheus).buildAndStart();
                LOG.info("Prometheus metrics of this process at http://{}:{}/metrics (reporter '{}')", host,
                        server.getPort(), name);
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException("Prometheus reporter '" + name + "' found no free port in " + ports + " on " + host
                + " (" + last.getMessage() + "); widen metrics.reporter." + name + ".port", last);
    }

    /** The port the endpoint listens on. */
    int port() {
        return server.getPort();
    }

    @Override
    public MetricSnapshots collect() {
        Map<String, List<RegisteredMetric>> families = new LinkedHashMap<>();
        for (RegisteredMetric m : registry.metrics()) {
            String family = PrometheusNaming.sanitizeMetricName("eddy_" + m.group().scope().prefix() + "_" + m.name());
            families.computeIfAbsent(family, k -> new ArrayList<>()).add(m);
        }
        List<MetricSnapshot> snapshots = new ArrayList<>();
        families.forEach((family, members) -> {
            MetricSnapshot snapshot = snapshot(family, members);
            if (snapshot != null) {
                snapshots.add(snapshot);
            }
        });
        return new MetricSnapshots(snapshots);
    }

    /** One family: metrics of the same kind as the first member; duplicate label sets are dropped. */
    private static MetricSnapshot snapshot(String family, List<RegisteredMetric> members) {
        Metric first = members.get(0).metric();
        Set<Labels> seen = new HashSet<>();
        String help = members.get(0).name();
        if (first instanceof Counter) {
            CounterSnapshot.Builder b = CounterSnapshot.builder().name(family).help(help);
            for (RegisteredMetric m : members) {
                if (m.metric() instanceof Counter c && seen.add(labels(m))) {
                    b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels(m))
                            .value(c.getCount()).build());
                }
            }
            return b.build();
        }
        if (first instanceof Histogram) {
            SummarySnapshot.Builder b = SummarySnapshot.builder().name(family).help(help);
            for (RegisteredMetric m : members) {
                if (m.metric() instanceof Histogram h && seen.add(labels(m))) {
                    HistogramStatistics s = h.getStatistics();
                    b.dataPoint(SummarySnapshot.SummaryDataPointSnapshot.builder().labels(labels(m)).count(h.getCount())
                            .quantiles(Quantiles.of(new Quantile(0.5, s.p50()), new Quantile(0.95, s.p95()),
                                    new Quantile(0.99, s.p99())))
                            .build());
                }
            }
            return b.build();
        }
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(family).help(help);
        boolean any = false;
        for (RegisteredMetric m : members) {
            Double value = gaugeValue(m.metric());
            if (value != null && seen.add(labels(m))) {
                b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels(m)).value(value).build());
                any = true;
            }
        }
        return any ? b.build() : null;
    }

    private static Double gaugeValue(Metric metric) {
        if (metric instanceof Meter meter) {
            return meter.getRate();
        }
        if (metric instanceof Gauge<?> gauge) {
            Object value = gauge.getValue();
            if (value instanceof Number n) {
                return n.doubleValue();
            }
            if (value instanceof Boolean b) {
                return b ? 1.0 : 0.0;
            }
        }
        return null;
    }

    private static Labels labels(RegisteredMetric m) {
        Labels.Builder b = Labels.builder();
        m.group().getAllVariables().forEach((k, v) -> b.label(PrometheusNaming.sanitizeLabelName(k), v));
        return b.build();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    public String toString() {
        return "prometheus '" + name + "'";
    }
}
