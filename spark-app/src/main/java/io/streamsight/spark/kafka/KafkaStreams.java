package io.streamsight.spark.kafka;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.streamsight.events.Topic;
import io.streamsight.kafka.ProducerDurability;
import io.streamsight.spark.pipeline.StreamSightSettings;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/** Kafka sources and sinks as every pipeline configures them. */
public final class KafkaStreams {

    /** The contract's timestamp form, {@code 2026-11-25T10:15:30.123Z}, whatever the session time zone. */
    private static final Map<String, String> JSON_OPTIONS = Map.of(
            "timestampFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
            "timeZone", "UTC");

    private KafkaStreams() {}

    /** A streaming read of one topic. */
    public static Dataset<Row> read(SparkSession spark, StreamSightSettings settings, Topic topic, boolean realTime) {
        DataStreamReader reader = spark.readStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", settings.bootstrapServers())
                .option("subscribe", topic.topicName())
                .option("startingOffsets", settings.startingOffsets());
        settings.kafkaClientConfig().forEach((name, value) -> reader.option("kafka." + name, value));
        if (!realTime) {
            settings.maxOffsetsPerTrigger().ifPresent(max -> reader.option("maxOffsetsPerTrigger", max));
        }
        return reader.load();
    }

    /**
     * A Kafka sink with the producer settings of docs/design.md section 11 (acks=all, idempotence); rows
     * carry {@code key}, {@code value} and either a {@code topic} column or the given default topic.
     */
    public static DataStreamWriter<Row> write(Dataset<Row> records, StreamSightSettings settings, String queryName) {
        DataStreamWriter<Row> writer = records.writeStream()
                .format("kafka")
                .queryName(queryName)
                .option("kafka.bootstrap.servers", settings.bootstrapServers())
                .option("checkpointLocation", settings.checkpointOf(queryName));
        ProducerDurability.imposedOn(settings.kafkaClientConfig())
                .forEach((name, value) -> writer.option("kafka." + name, value.toString()));
        return writer;
    }

    /**
     * A micro-batch query writing each row of {@code rows} to {@code topic} as the contract's JSON,
     * keyed by the column {@code keyColumn}.
     */
    public static StreamingQuery startMicroBatch(
            Dataset<Row> rows,
            String keyColumn,
            Topic topic,
            OutputMode outputMode,
            StreamSightSettings settings,
            String queryName)
            throws TimeoutException {
        return startMicroBatch(
                rows,
                keyColumn,
                topic,
                outputMode,
                Trigger.ProcessingTime(settings.microBatchInterval()),
                settings,
                queryName);
    }

    /** {@link #startMicroBatch(Dataset, String, Topic, OutputMode, StreamSightSettings, String)} with its own trigger. */
    public static StreamingQuery startMicroBatch(
            Dataset<Row> rows,
            String keyColumn,
            Topic topic,
            OutputMode outputMode,
            Trigger trigger,
            StreamSightSettings settings,
            String queryName)
            throws TimeoutException {
        Dataset<Row> records = rows.select(
                col(keyColumn).cast("binary").as("key"), json(struct(col("*"))).as("value"));
        return write(records, settings, queryName)
                .option("topic", topic.topicName())
                .outputMode(outputMode)
                .trigger(trigger)
                .start();
    }

    /** A struct as the contract's JSON, as Kafka value bytes. */
    public static Column json(Column struct) {
        return to_json(struct, JSON_OPTIONS).cast("binary");
    }
}
