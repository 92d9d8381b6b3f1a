package io.streamsight.spark.observability;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import org.apache.spark.SparkEnv;
import org.apache.spark.metrics.source.Source;

/**
 * Rows dropped by a watermark, per query, as a counter of the driver's metrics system, so the
 * PrometheusServlet on {@code /metrics/prometheus} shows them next to Spark's streaming metrics
 * (Spark reports them only inside each progress event, as {@code numRowsDroppedByWatermark}).
 */
public final class LateRowsMetric implements Source {

    private final MetricRegistry registry = new MetricRegistry();

    /** Registers the source with the running driver's metrics system. */
    public static LateRowsMetric register() {
        LateRowsMetric metric = new LateRowsMetric();
        SparkEnv.get().metricsSystem().registerSource(metric);
        return metric;
    }

    public void unregister() {
        SparkEnv.get().metricsSystem().removeSource(this);
    }

    @Override
    public String sourceName() {
        return "streamsight";
    }

    @Override
    public MetricRegistry metricRegistry() {
        return registry;
    }

    public void add(String queryName, long rows) {
        counter(queryName).inc(rows);
    }

    public long count(String queryName) {
        return counter(queryName).getCount();
    }

    private Counter counter(String queryName) {
        return registry.counter("late_rows_dropped." + queryName.replace('.', '_'));
    }
}
