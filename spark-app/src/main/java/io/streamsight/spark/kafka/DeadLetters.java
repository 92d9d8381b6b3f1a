package io.streamsight.spark.kafka;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

import io.streamsight.events.RecordHeaders;
import io.streamsight.events.Topic;
import io.streamsight.spark.input.ParsedRecords;
import io.streamsight.spark.pipeline.StreamSightSettings;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * Records rejected by a {@link ParsedRecords} parser go to {@code <input>_dlq} with their
 * original key and value bytes; the headers say why it was rejected and where it came from, so
 * it can be fixed and replayed.
 */
public final class DeadLetters {

    public static final String REASON = "dlq.reason";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    /** The shortest time between two batches of a query that only writes dead letters. */
    public static final Duration INTERVAL = Duration.ofSeconds(30);

    private DeadLetters() {}

    /**
     * Output and dead letters as Kafka rows ({@code topic, key, value, headers}) in one
     * projection: each parsed row gives an output record (when valid and {@code emit} holds), a
     * dead letter (when invalid) or nothing. One projection rather than a union of two branches,
     * because real-time mode rejects a union over the same source. An output record carries its
     * input record's Kafka timestamp ({@link RecordHeaders#SOURCE_TIMESTAMP}), from which
     * alert-service measures detection latency end to end.
     */
    public static Dataset<Row> routed(
            Dataset<Row> parsed, Topic input, Column emit, Topic output, Column key, Column value) {
        Column valid = ParsedRecords.valid();
        return parsed.filter(not(valid).or(emit))
                .select(
                        when(valid, lit(output.topicName()))
                                .otherwise(lit(deadLetterTopic(input).topicName()))
                                .as("topic"),
                        when(valid, key).otherwise(col("kafka_key")).as("key"),
                        when(valid, value).otherwise(col("kafka_value")).as("value"),
                        when(valid, array(header(RecordHeaders.SOURCE_TIMESTAMP, unix_millis(col("kafka_timestamp")))))
                                .otherwise(headers())
                                .as("headers"));
    }

    /**
     * A micro-batch query that writes only the dead letters of the parsed rows, at most every
     * {@link #INTERVAL}: nobody waits on a dead letter by the second, and every batch of a Spark
     * query costs planning, tasks and a checkpoint whether it finds one record or none.
     */
    public static StreamingQuery start(Dataset<Row> parsed, Topic input, StreamSightSettings settings, String queryName)
            throws TimeoutException {
        return KafkaStreams.write(only(parsed, input), settings, queryName)
                .outputMode(OutputMode.Append())
                .trigger(settings.microBatchTrigger(INTERVAL))
                .start();
    }

    /** Only the dead letters of the parsed rows, as Kafka rows ({@code topic, key, value, headers}). */
    static Dataset<Row> only(Dataset<Row> parsed, Topic input) {
        return parsed.filter(not(ParsedRecords.valid()))
                .select(
                        lit(deadLetterTopic(input).topicName()).as("topic"),
                        col("kafka_key").as("key"),
                        col("kafka_value").as("value"),
                        headers().as("headers"));
    }

    /** The headers column ({@code array<struct<key, value>>}) over {@link ParsedRecords}'s columns. */
    public static Column headers() {
        return array(
                header(REASON, col("reason")),
                header(SOURCE_TOPIC, col("kafka_topic")),
                header(SOURCE_PARTITION, col("kafka_partition")),
                header(SOURCE_OFFSET, col("kafka_offset")));
    }

    private static Topic deadLetterTopic(Topic input) {
        return input.deadLetters()
                .orElseThrow(() -> new IllegalArgumentException(input.topicName() + " has no dead-letter topic"));
    }

    private static Column header(String key, Column value) {
        return struct(lit(key).as("key"), value.cast("string").cast("binary").as("value"));
    }
}
