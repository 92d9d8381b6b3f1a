package io.streamsight.spark;

import io.streamsight.spark.fraud.FraudRules;
import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.SparkConf;

/**
 * Everything the pipelines need to know, read from Spark properties ({@code --conf
 * spark.streamsight.*=...} on {@code spark-submit}, {@code sparkConf} in a SparkApplication), so
 * the same jar runs unchanged in local mode and under the Spark operator.
 *
 * @param bootstrapServers    Kafka {@code bootstrap.servers}
 * @param checkpointBase      base URI of every query's checkpoint ({@code file:}, {@code hdfs://}, {@code s3a://})
 * @param fraudTrigger        real-time mode or micro-batches for the stateless fraud query
 * @param checkpointInterval  real-time mode: how long each long-running batch lasts before it checkpoints
 * @param microBatchInterval  micro-batch queries: the processing-time trigger ({@code 0 seconds} = back to back)
 * @param startingOffsets     where a query without a checkpoint starts: {@code earliest} or {@code latest}
 * @param maxOffsetsPerTrigger micro-batch queries: the most records one batch reads, if limited
 * @param fraudRules          the default rules with the configured suspicious locations
 */
public record StreamSightSettings(
        String bootstrapServers,
        String checkpointBase,
        FraudTrigger fraudTrigger,
        String checkpointInterval,
        String microBatchInterval,
        String startingOffsets,
        Optional<Long> maxOffsetsPerTrigger,
        FraudRules fraudRules) implements Serializable {

    public static final String PREFIX = "spark.streamsight.";

    /** How the stateless fraud query is triggered. */
    public enum FraudTrigger {
        REAL_TIME, MICRO_BATCH;

        static FraudTrigger parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")) {
                case "realtime" -> REAL_TIME;
                case "microbatch" -> MICRO_BATCH;
                default -> throw new IllegalArgumentException(
                        PREFIX + "fraud.trigger must be real-time or micro-batch, was '" + text + "'");
            };
        }
    }

    public static StreamSightSettings from(SparkConf conf) {
        return new StreamSightSettings(
                conf.get(PREFIX + "kafka.bootstrapServers", "127.0.0.1:9092"),
                conf.get(PREFIX + "checkpointBase", "file:///tmp/streamsight/checkpoints"),
                FraudTrigger.parse(conf.get(PREFIX + "fraud.trigger", "real-time")),
                conf.get(PREFIX + "fraud.checkpointInterval", "10 seconds"),
                conf.get(PREFIX + "microBatchInterval", "0 seconds"),
                conf.get(PREFIX + "startingOffsets", "earliest"),
                conf.getOption(PREFIX + "maxOffsetsPerTrigger").isDefined()
                        ? Optional.of(Long.parseLong(conf.get(PREFIX + "maxOffsetsPerTrigger")))
                        : Optional.empty(),
                FraudRules.withSuspiciousLocations(conf.get(PREFIX + "fraud.suspiciousLocations",
                        String.join(",", FraudRules.DEFAULT_SUSPICIOUS_LOCATIONS))));
    }

    /** The checkpoint of one query: {@code <checkpointBase>/<queryName>}. */
    public String checkpointOf(String queryName) {
        return checkpointBase.replaceAll("/+$", "") + "/" + queryName;
    }
}
