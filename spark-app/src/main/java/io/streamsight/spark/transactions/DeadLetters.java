package io.streamsight.spark.transactions;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Column;

/**
 * Kafka headers of a dead-lettered record. The record itself keeps its original key and value
 * bytes; the headers say why it was rejected and where it came from, so it can be fixed and
 * replayed.
 */
public final class DeadLetters {

    public static final String REASON = "dlq.reason";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";

    private DeadLetters() {
    }

    /** The headers column ({@code array<struct<key, value>>}) over {@link TransactionParser}'s columns. */
    public static Column headers() {
        return array(
                header(REASON, col("reason")),
                header(SOURCE_TOPIC, col("kafka_topic")),
                header(SOURCE_PARTITION, col("kafka_partition")),
                header(SOURCE_OFFSET, col("kafka_offset")));
    }

    private static Column header(String key, Column value) {
        return struct(lit(key).as("key"), value.cast("string").cast("binary").as("value"));
    }
}
