package io.streamsight.spark.pipeline;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.execution.streaming.ProcessingTimeTrigger;
import org.apache.spark.sql.streaming.Trigger;
import scala.Tuple2;

/**
 * Everything the pipelines need to know, read from Spark properties ({@code --conf
 * spark.streamsight.*=...} on {@code spark-submit}, {@code sparkConf} in a SparkApplication), so
 * the same jar runs unchanged in local mode and under the Spark operator.
 *
 * @param bootstrapServers    Kafka {@code bootstrap.servers}
 * @param checkpointBase      base URI of every query's checkpoint ({@code file:}, {@code hdfs://}, {@code s3a://})
 * @param fraudTrigger        real-time mode or micro-batches for the stateless fraud query
 * @param checkpointInterval  real-time mode: how long each long-running batch lasts before it checkpoints
 * @param microBatchInterval  micro-batch queries: the processing-time trigger (default {@code 5 seconds};
 *                            {@code 0 seconds} = back to back, which costs a core for a trickle of records)
 * @param startingOffsets     where a query without a checkpoint starts: {@code earliest} or {@code latest}
 * @param maxOffsetsPerTrigger micro-batch queries: the most records one batch reads, if limited
 * @param fraudRules          the rules file the fraud query starts from ({@code fraud.rulesFile}, a local
 *                            path on the driver; default: the shipped docs/design.md section 7 rules), before
 *                            the {@code fraud_rules} topic overlays it
 * @param etlPath             base URI of the ETL pipeline's Parquet output ({@code file:}, {@code hdfs://},
 *                            {@code s3a://}); default: {@code etl} next to the checkpoint base
 * @param patternIdleExpiry   the stateful rules forget a user after this much event time without an event
 *                            ({@code patterns.idleExpiry}, default 7 days); their thresholds are rules
 * @param kafkaClientConfig   further Kafka client properties for every source, sink and admin
 *                            client: {@code spark.streamsight.kafka.<property>} (TLS, SASL), and
 *                            {@code sasl.jaas.config} from the environment variable
 *                            {@code KAFKA_SASL_JAAS_CONFIG} so that the password stays in a Secret
 */
public record StreamSightSettings(
        String bootstrapServers,
        String checkpointBase,
        FraudTrigger fraudTrigger,
        String checkpointInterval,
        String microBatchInterval,
        String startingOffsets,
        Optional<Long> maxOffsetsPerTrigger,
        FraudRules fraudRules,
        String etlPath,
        Duration patternIdleExpiry,
        Map<String, String> kafkaClientConfig)
        implements Serializable {

    public static final String PREFIX = "spark.streamsight.";
    /**
     * Every micro-batch plans, schedules tasks, loads state and writes checkpoints whatever it
     * reads; with a dozen queries back to back (0 seconds) spark-app spent 1.6 cores on 20
     * events/s (docs/benchmarks.md). Windows slide by the minute, so 5 s costs them nothing.
     */
    static final String DEFAULT_MICRO_BATCH_INTERVAL = "5 seconds";

    static final Duration DEFAULT_PATTERN_IDLE_EXPIRY = Duration.ofDays(7);
    /** The thresholds settings of earlier builds, refused so that nobody believes they still apply. */
    private static final List<String> MOVED_TO_RULES =
            List.of("velocityCount", "velocityWindow", "averageFactor", "averageMinCount", "maxSpeedKmh");

    private static final String KAFKA_PREFIX = PREFIX + "kafka.";
    /** Settings under {@link #KAFKA_PREFIX} that are StreamSight's own, not Kafka client properties. */
    private static final Set<String> NOT_CLIENT_PROPERTIES = Set.of("bootstrapServers", "groupIdPrefix");

    public StreamSightSettings {
        kafkaClientConfig = Map.copyOf(kafkaClientConfig);
    }

    /** Settings for a broker without authentication (local mode, tests). */
    public StreamSightSettings(
            String bootstrapServers,
            String checkpointBase,
            FraudTrigger fraudTrigger,
            String checkpointInterval,
            String microBatchInterval,
            String startingOffsets,
            Optional<Long> maxOffsetsPerTrigger,
            FraudRules fraudRules) {
        this(
                bootstrapServers,
                checkpointBase,
                fraudTrigger,
                checkpointInterval,
                microBatchInterval,
                startingOffsets,
                maxOffsetsPerTrigger,
                fraudRules,
                besideCheckpoints(checkpointBase, "etl"),
                DEFAULT_PATTERN_IDLE_EXPIRY,
                Map.of());
    }

    /** These settings with the ETL output at {@code path}. */
    public StreamSightSettings withEtlPath(String path) {
        return new StreamSightSettings(
                bootstrapServers,
                checkpointBase,
                fraudTrigger,
                checkpointInterval,
                microBatchInterval,
                startingOffsets,
                maxOffsetsPerTrigger,
                fraudRules,
                path,
                patternIdleExpiry,
                kafkaClientConfig);
    }

    /** These settings with another idle expiry for the stateful rules' per-user state. */
    public StreamSightSettings withPatternIdleExpiry(Duration idleExpiry) {
        return new StreamSightSettings(
                bootstrapServers,
                checkpointBase,
                fraudTrigger,
                checkpointInterval,
                microBatchInterval,
                startingOffsets,
                maxOffsetsPerTrigger,
                fraudRules,
                etlPath,
                idleExpiry,
                kafkaClientConfig);
    }

    /**
     * The micro-batch trigger ({@code microBatchInterval}), but at least {@code minimum} apart: a
     * processing-time {@code transformWithState} asks for another batch after every batch (to
     * expire state), so with the default interval of 0 it would run empty batches back to back.
     */
    public Trigger microBatchTrigger(Duration minimum) {
        long configured = ((ProcessingTimeTrigger) Trigger.ProcessingTime(microBatchInterval)).intervalMs();
        return Trigger.ProcessingTime(Math.max(configured, minimum.toMillis()));
    }

    /** How the stateless fraud query is triggered. */
    public enum FraudTrigger {
        REAL_TIME,
        MICRO_BATCH;

        static FraudTrigger parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")) {
                case "realtime" -> REAL_TIME;
                case "microbatch" -> MICRO_BATCH;
                default ->
                    throw new IllegalArgumentException(
                            PREFIX + "fraud.trigger must be real-time or micro-batch, was '" + text + "'");
            };
        }
    }

    public static StreamSightSettings from(SparkConf conf) {
        return from(conf, System.getenv());
    }

    static StreamSightSettings from(SparkConf conf, Map<String, String> environment) {
        Map<String, String> kafkaClient = new TreeMap<>();
        for (Tuple2<String, String> entry : conf.getAllWithPrefix(KAFKA_PREFIX)) {
            if (!NOT_CLIENT_PROPERTIES.contains(entry._1())) {
                kafkaClient.put(entry._1(), entry._2());
            }
        }
        Optional.ofNullable(environment.get("KAFKA_SASL_JAAS_CONFIG"))
                .filter(v -> !v.isBlank())
                .ifPresent(jaas -> kafkaClient.put("sasl.jaas.config", jaas));
        String checkpointBase = conf.get(PREFIX + "checkpointBase", "file:///tmp/streamsight/checkpoints");
        return new StreamSightSettings(
                conf.get(PREFIX + "kafka.bootstrapServers", "127.0.0.1:9092"),
                checkpointBase,
                FraudTrigger.parse(conf.get(PREFIX + "fraud.trigger", "real-time")),
                conf.get(PREFIX + "fraud.checkpointInterval", "10 seconds"),
                conf.get(PREFIX + "microBatchInterval", DEFAULT_MICRO_BATCH_INTERVAL),
                conf.get(PREFIX + "startingOffsets", "earliest"),
                conf.getOption(PREFIX + "maxOffsetsPerTrigger").isDefined()
                        ? Optional.of(Long.parseLong(conf.get(PREFIX + "maxOffsetsPerTrigger")))
                        : Optional.empty(),
                conf.getOption(PREFIX + "fraud.rulesFile").isDefined()
                        ? FraudRules.fromFile(Path.of(conf.get(PREFIX + "fraud.rulesFile")))
                        : FraudRules.defaults(),
                conf.get(PREFIX + "etl.path", besideCheckpoints(checkpointBase, "etl")),
                patternIdleExpiry(conf),
                kafkaClient);
    }

    private static Duration patternIdleExpiry(SparkConf conf) {
        String p = PREFIX + "patterns.";
        for (String moved : MOVED_TO_RULES) {
            if (conf.contains(p + moved)) {
                throw new IllegalArgumentException(p + moved + " is no longer read: the stateful rules' thresholds are"
                        + " rules on fraud_rules now, changeable while the pipeline runs (docs/rules.md)");
            }
        }
        Duration idleExpiry = Duration.ofSeconds(
                conf.getTimeAsSeconds(p + "idleExpiry", DEFAULT_PATTERN_IDLE_EXPIRY.toSeconds() + "s"));
        if (idleExpiry.isNegative() || idleExpiry.isZero()) {
            throw new IllegalArgumentException(p + "idleExpiry must be positive, was " + idleExpiry);
        }
        return idleExpiry;
    }

    /** {@code name} in the folder that holds the checkpoint base ({@code file:///a/checkpoints} -> {@code file:///a/etl}). */
    static String besideCheckpoints(String checkpointBase, String name) {
        String base = checkpointBase.replaceAll("/+$", "");
        return base.substring(0, base.lastIndexOf('/') + 1) + name;
    }

    /** The checkpoint of one query: {@code <checkpointBase>/<queryName>}. */
    public String checkpointOf(String queryName) {
        return checkpointBase.replaceAll("/+$", "") + "/" + queryName;
    }
}
