package io.streamsight.events;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The topic catalog of docs/design.md section 5: the one source of truth for topic names, record
 * keys, partition counts and retention. The embedded broker, the Helm chart's KafkaTopics and
 * every producer and consumer are derived from (or tested against) this enum.
 */
public enum Topic {
    TRANSACTIONS("transactions", "user_id", 3, CleanupPolicy.DELETE, Retention.INPUT, Transaction.class),
    USER_UPDATES("user_updates", "user_id", 3, CleanupPolicy.DELETE, Retention.INPUT, UserUpdate.class),
    USER_ACTIVITY("user_activity", "user_id", 3, CleanupPolicy.DELETE, Retention.INPUT, UserActivity.class),
    SENSOR_DATA("sensor_data", "sensor_id", 3, CleanupPolicy.DELETE, Retention.INPUT, SensorReading.class),
    WEB_LOGS("web_logs", null, 3, CleanupPolicy.DELETE, Retention.INPUT, String.class),
    RAW_EVENTS("raw_events", "user_id", 3, CleanupPolicy.DELETE, Retention.INPUT, RawEvent.class),
    FRAUD_GROUND_TRUTH(
            "fraud_ground_truth", "transaction_id", 3, CleanupPolicy.DELETE, Retention.INPUT, FraudGroundTruth.class),

    FRAUD_ALERTS("fraud_alerts", "user_id", 3, CleanupPolicy.DELETE, Retention.ALERTS, FraudAlert.class),
    FRAUD_SHADOW_ALERTS("fraud_shadow_alerts", "user_id", 3, CleanupPolicy.DELETE, Retention.ALERTS, FraudAlert.class),
    TRANSACTION_ANALYTICS("transaction_analytics", "location", 3, CleanupPolicy.DELETE, Retention.INPUT, null),
    CATEGORY_ANALYTICS("category_analytics", "category", 3, CleanupPolicy.DELETE, Retention.INPUT, null),
    USER_SPEND("user_spend", "user_id", 3, CleanupPolicy.DELETE, Retention.INPUT, null),
    ENRICHED_TRANSACTIONS("enriched_transactions", "user_id", 3, CleanupPolicy.DELETE, Retention.INPUT, null),
    SENSOR_ALERTS("sensor_alerts", "sensor_id", 3, CleanupPolicy.DELETE, Retention.ALERTS, SensorAlert.class),
    LAG_ALERTS("lag_alerts", "group", 1, CleanupPolicy.DELETE, Retention.ALERTS, ConsumerLagAlert.class),
    LOG_ERROR_COUNTS("log_error_counts", "error_type", 3, CleanupPolicy.DELETE, Retention.INPUT, null),
    RECOMMENDATIONS("recommendations", "user_id", 3, CleanupPolicy.DELETE, Retention.INPUT, null),

    TRANSACTIONS_DLQ("transactions_dlq", "user_id", 1, CleanupPolicy.DELETE, Retention.DEAD_LETTERS, null),
    USER_UPDATES_DLQ("user_updates_dlq", "user_id", 1, CleanupPolicy.DELETE, Retention.DEAD_LETTERS, null),
    USER_ACTIVITY_DLQ("user_activity_dlq", "user_id", 1, CleanupPolicy.DELETE, Retention.DEAD_LETTERS, null),
    SENSOR_DATA_DLQ("sensor_data_dlq", "sensor_id", 1, CleanupPolicy.DELETE, Retention.DEAD_LETTERS, null),
    WEB_LOGS_DLQ("web_logs_dlq", null, 1, CleanupPolicy.DELETE, Retention.DEAD_LETTERS, null),
    RAW_EVENTS_DLQ("raw_events_dlq", "user_id", 1, CleanupPolicy.DELETE, Retention.DEAD_LETTERS, null),

    ALERT_DELIVERIES_DLQ("alert_deliveries_dlq", "alert_id", 1, CleanupPolicy.DELETE, Retention.DEAD_LETTERS, null),

    FRAUD_RULES("fraud_rules", "rule_id", 1, CleanupPolicy.COMPACT, Retention.FOREVER, null),
    FRAUD_RULE_STATUS("fraud_rule_status", "rule_id", 1, CleanupPolicy.COMPACT, Retention.FOREVER, null),
    FRAUD_RULES_AUDIT("fraud_rules_audit", "rule_id", 1, CleanupPolicy.DELETE, Retention.FOREVER, null),
    ALERT_SUBSCRIPTIONS("alert_subscriptions", "subscription_id", 1, CleanupPolicy.COMPACT, Retention.FOREVER, null),
    ALERT_LABELS("alert_labels", "alert_id", 1, CleanupPolicy.COMPACT, Retention.FOREVER, null),
    RULE_BACKTESTS("rule_backtests", "id", 1, CleanupPolicy.COMPACT, Retention.FOREVER, null);

    private final String topicName;
    private final String keyField;
    private final int partitions;
    private final CleanupPolicy cleanupPolicy;
    private final Duration retention;
    private final Class<?> valueType;

    Topic(
            String topicName,
            String keyField,
            int partitions,
            CleanupPolicy cleanupPolicy,
            Duration retention,
            Class<?> valueType) {
        this.topicName = topicName;
        this.keyField = keyField;
        this.partitions = partitions;
        this.cleanupPolicy = cleanupPolicy;
        this.retention = retention;
        this.valueType = valueType;
    }

    public String topicName() {
        return topicName;
    }

    /** The JSON field whose value is the record key; empty for unkeyed topics (round-robin). */
    public Optional<String> keyField() {
        return Optional.ofNullable(keyField);
    }

    public int partitions() {
        return partitions;
    }

    public CleanupPolicy cleanupPolicy() {
        return cleanupPolicy;
    }

    /** Time-based retention; {@link Duration#ZERO} means unlimited (compacted topics keep the latest value forever). */
    public Duration retention() {
        return retention;
    }

    /**
     * The Java type of a record value: an event record for JSON topics, {@code String} for text
     * topics; empty where the value is a pipeline-defined JSON row or raw dead-lettered bytes.
     */
    public Optional<Class<?>> valueType() {
        return Optional.ofNullable(valueType);
    }

    /** The topic-level configs to create the topic with. */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("cleanup.policy", cleanupPolicy.config());
        configs.put("retention.ms", retention.isZero() ? "-1" : Long.toString(retention.toMillis()));
        return configs;
    }

    /** The dead-letter topic of an input topic, per the {@code <input>_dlq} convention. */
    public Optional<Topic> deadLetters() {
        return byName(topicName + "_dlq");
    }

    public static Optional<Topic> byName(String name) {
        return Arrays.stream(values()).filter(t -> t.topicName.equals(name)).findFirst();
    }

    private static final class Retention {
        static final Duration INPUT = Duration.ofDays(7);
        static final Duration ALERTS = Duration.ofDays(30);
        static final Duration DEAD_LETTERS = Duration.ofDays(14);
        static final Duration FOREVER = Duration.ZERO;
    }
}
