package io.streamsight.spark;

import io.streamsight.spark.analytics.AnalyticsPipeline;
import io.streamsight.spark.enrichment.EnrichmentPipeline;
import io.streamsight.spark.etl.EtlPipeline;
import io.streamsight.spark.fraud.FraudPipeline;
import io.streamsight.spark.iot.IotPipeline;
import io.streamsight.spark.observability.ConsumerGroupCommitter;
import io.streamsight.spark.observability.LateRowsMetric;
import io.streamsight.spark.observability.ProgressListener;
import io.streamsight.spark.patterns.PatternsPipeline;
import io.streamsight.spark.pipeline.Pipeline;
import io.streamsight.spark.pipeline.StreamSightSettings;
import io.streamsight.spark.recommendations.RecommendationsPipeline;
import io.streamsight.spark.weblogs.WebLogsPipeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spark-app entry point: one jar, one {@link SparkSession}, the pipelines to run chosen by
 * {@code --pipelines a,b}. Master and resources come from {@code spark-submit} or the Spark
 * operator; {@code --master local[*]} runs everything on one machine. Settings are Spark
 * properties, see {@link StreamSightSettings}.
 */
public final class StreamSightApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSightApp.class);

    /** Every pipeline this jar knows, by name. */
    static final Map<String, Pipeline> PIPELINES = catalog(
            new FraudPipeline(),
            new AnalyticsPipeline(),
            new IotPipeline(),
            new WebLogsPipeline(),
            new EnrichmentPipeline(),
            new EtlPipeline(),
            new RecommendationsPipeline(),
            new PatternsPipeline());

    public static final String STATE_STORE_PROVIDER = "spark.sql.streaming.stateStore.providerClass";
    public static final String ROCKSDB_STATE_STORE =
            "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider";

    private final SparkSession spark;
    private final ConsumerGroupCommitter committer;
    private final LateRowsMetric lateRows;
    private final ProgressListener listener;
    private final List<StreamingQuery> queries = new ArrayList<>();

    private StreamSightApp(SparkSession spark, ConsumerGroupCommitter committer, LateRowsMetric lateRows) {
        this.spark = spark;
        this.committer = committer;
        this.lateRows = lateRows;
        this.listener = new ProgressListener(committer, lateRows);
    }

    public static void main(String[] args) throws Exception {
        Set<String> pipelines = pipelines(args);
        SparkSession spark =
                SparkSession.builder().appName("streamsight").config(defaults()).getOrCreate();
        try (StreamSightApp app =
                start(spark, StreamSightSettings.from(spark.sparkContext().getConf()), pipelines)) {
            LOG.info("StreamSight spark-app running (Spark {}), pipelines {}", spark.version(), pipelines);
            spark.streams().awaitAnyTermination();
        }
    }

    /**
     * Starts the named pipelines on a running session, with the progress listener that logs and
     * commits their offsets. {@link #close} stops them again.
     */
    public static StreamSightApp start(SparkSession spark, StreamSightSettings settings, Set<String> pipelineNames)
            throws TimeoutException {
        List<Pipeline> pipelines =
                pipelineNames.stream().map(StreamSightApp::pipeline).toList();
        ConsumerGroupCommitter committer = new ConsumerGroupCommitter(
                settings.bootstrapServers(),
                settings.kafkaClientConfig(),
                pipelines.stream().flatMap(p -> p.queryNames().stream()).toList());
        StreamSightApp app = new StreamSightApp(spark, committer, LateRowsMetric.register());
        spark.streams().addListener(app.listener);
        try {
            for (Pipeline pipeline : pipelines) {
                app.queries.addAll(pipeline.start(spark, settings));
            }
        } catch (TimeoutException | RuntimeException e) {
            app.close();
            throw e;
        }
        return app;
    }

    public List<StreamingQuery> queries() {
        return List.copyOf(queries);
    }

    /** Rows a query's watermark has dropped since this app started, as reported so far. */
    public long lateRowsDropped(String queryName) {
        return lateRows.count(queryName);
    }

    /** Stops every query, then the listener and its Kafka client. */
    @Override
    public void close() throws TimeoutException {
        for (StreamingQuery query : queries) {
            query.stop();
        }
        spark.streams().removeListener(listener);
        lateRows.unregister();
        committer.close();
    }

    /**
     * Defaults a deployment may override: Spark's Prometheus endpoint on the driver
     * ({@code /metrics/prometheus/} on the UI port) with streaming query metrics, UTC, and few
     * shuffle partitions. Each shuffle partition of a stateful query is a state store that every
     * micro-batch visits; Spark's default of 200 makes each analytics batch hundreds of tasks
     * for three input partitions. The number is fixed in a query's checkpoint once it has run.
     * RocksDB state stores: {@code transformWithState} (recommendations) accepts no other; a
     * query keeps the provider its checkpoint was started with. Changelog checkpointing: a batch
     * commit writes the changed keys instead of a RocksDB snapshot of the whole store, which each
     * stateful micro-batch otherwise paid for in copied files.
     */
    static SparkConf defaults() {
        SparkConf conf = new SparkConf();
        conf.setIfMissing("spark.sql.shuffle.partitions", "6");
        conf.setIfMissing("spark.ui.prometheus.enabled", "true");
        conf.setIfMissing("spark.sql.streaming.metricsEnabled", "true");
        conf.setIfMissing("spark.metrics.namespace", "streamsight");
        conf.setIfMissing(
                "spark.metrics.conf.*.sink.prometheusServlet.class", "org.apache.spark.metrics.sink.PrometheusServlet");
        conf.setIfMissing("spark.metrics.conf.*.sink.prometheusServlet.path", "/metrics/prometheus");
        conf.setIfMissing("spark.sql.session.timeZone", "UTC");
        conf.setIfMissing(STATE_STORE_PROVIDER, ROCKSDB_STATE_STORE);
        conf.setIfMissing("spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled", "true");
        return conf;
    }

    static Set<String> pipelines(String[] args) {
        List<String> list = Arrays.asList(args);
        int i = list.indexOf("--pipelines");
        if (i < 0 || i + 1 >= list.size() || list.get(i + 1).isBlank()) {
            throw new IllegalArgumentException("--pipelines is required, for example --pipelines fraud,analytics");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : list.get(i + 1).split(",")) {
            names.add(pipeline(name.trim()).name());
        }
        return names;
    }

    private static Pipeline pipeline(String name) {
        Pipeline pipeline = PIPELINES.get(name);
        if (pipeline == null) {
            throw new IllegalArgumentException("unknown pipeline '" + name + "', known: " + PIPELINES.keySet());
        }
        return pipeline;
    }

    private static Map<String, Pipeline> catalog(Pipeline... pipelines) {
        Map<String, Pipeline> byName = new LinkedHashMap<>();
        for (Pipeline pipeline : pipelines) {
            byName.put(pipeline.name(), pipeline);
        }
        return Collections.unmodifiableMap(byName);
    }
}
