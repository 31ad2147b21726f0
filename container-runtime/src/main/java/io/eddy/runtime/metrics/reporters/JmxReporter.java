package io.eddy.runtime.metrics.reporters;

import io.eddy.api.metrics.Counter;
import io.eddy.api.metrics.Gauge;
import io.eddy.api.metrics.Histogram;
import io.eddy.api.metrics.HistogramStatistics;
import io.eddy.api.metrics.Meter;
import io.eddy.api.metrics.Metric;
import io.eddy.runtime.metrics.MetricReporter;
import io.eddy.runtime.metrics.RegisteredMetric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registers each metric as an MBean with the platform MBean server, named
 * {@code <domain>:scope=taskmanager_job_task,host=...,tm_id=...,...,name=numRecordsIn}, so JConsole
 * or a JMX exporter can read it. Counters show {@code Count}; gauges {@code Value}; meters
 * {@code Rate} and {@code Count}; histograms their statistics.
 */
final class JmxReporter implements MetricReporter {
    private static final Logger LOG = LoggerFactory.getLogger(JmxReporter.class);

    private final String domain;
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final Map<RegisteredMetric, ObjectName> registered = new ConcurrentHashMap<>();

    JmxReporter(String domain) {
        this.domain = domain;
    }

    public interface CounterMBean {
        long getCount();
    }

    public interface GaugeMBean {
        Object getValue();
    }

    public interface MeterMBean {
        double getRate();

        long getCount();
    }

    public interface HistogramMBean {
        long getCount();

        long getMin();

        long getMax();

        double getMean();

        double get50thPercentile();

        double get95thPercentile();

        double get99thPercentile();
    }

    @Override
    public void notifyOfAddedMetric(RegisteredMetric metric) {
        try {
            ObjectName name = objectName(metric);
            server.registerMBean(mbean(metric.metric()), name);
            registered.put(metric, name);
        } catch (JMException e) {
            LOG.debug("Metric {} not registered with JMX: {}", metric.identifier(), e.toString());
        }
    }

    @Override
    public void notifyOfRemovedMetric(RegisteredMetric metric) {
        ObjectName name = registered.remove(metric);
        if (name != null) {
            try {
                server.unregisterMBean(name);
            } catch (InstanceNotFoundException e) {
                // gone already
            } catch (JMException e) {
                LOG.debug("Metric {} not unregistered from JMX: {}", metric.identifier(), e.toString());
            }
        }
    }

    ObjectName objectName(RegisteredMetric metric) throws JMException {
        StringBuilder name = new StringBuilder(domain).append(":scope=").append(metric.group().scope().prefix());
        metric.group().getAllVariables().forEach((k, v) -> name.append(',').append(k).append('=').append(ObjectName.quote(v)));
        name.append(",name=").append(ObjectName.quote(metric.name()));
        return new ObjectName(name.toString());
    }

    private static StandardMBean mbean(Metric metric) throws JMException {
        if (metric instanceof Counter c) {
            return new StandardMBean((CounterMBean) c::getCount, CounterMBean.class);
        }
        if (metric instanceof Gauge<?> g) {
            return new StandardMBean((GaugeMBean) g::getValue, GaugeMBean.class);
        }
        if (metric instanceof Meter m) {
            return new StandardMBean(new MeterMBean() {
                public double getRate() {
                    return m.getRate();
                }

                public long getCount() {
                    return m.getCount();
                }
            }, MeterMBean.class);
        }
        Histogram h = (Histogram) metric;
        return new StandardMBean(new HistogramMBean() {
            private HistogramStatistics s() {
                return h.getStatistics();
            }

            public long getCount() {
                return h.getCount();
            }

            public long getMin() {
                return s().min();
            }

            public long getMax() {
                return s().max();
            }

            public double getMean() {
                return s().mean();
            }

            public double get50thPercentile() {
                return s().p50();
            }

            public double get95thPercentile() {
                return s().p95();
            }

            public double get99thPercentile() {
                return s().p99();
            }
        }, HistogramMBean.class);
    }

    @Override
    public void close() {
        registered.values().forEach(name -> {
            try {
                server.unregisterMBean(name);
            } catch (JMException e) {
                // the process is stopping
            }
        });
        registered.clear();
    }

    @Override
    public String toString() {
        return "jmx";
    }
}
