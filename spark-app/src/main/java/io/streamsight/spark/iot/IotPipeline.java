package io.streamsight.spark.iot;

import static org.apache.spark.sql.functions.col;

import io.streamsight.events.Topic;
import io.streamsight.spark.input.SensorReadingParser;
import io.streamsight.spark.kafka.DeadLetters;
import io.streamsight.spark.kafka.KafkaStreams;
import io.streamsight.spark.pipeline.Pipeline;
import io.streamsight.spark.pipeline.StreamSightSettings;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * {@code sensor_data} -> {@code sensor_alerts} (keyed by sensor_id) and {@code sensor_data_dlq},
 * in one stateless micro-batch query.
 */
public final class IotPipeline implements Pipeline {

    public static final String NAME = "iot";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<StreamingQuery> start(SparkSession spark, StreamSightSettings settings) throws TimeoutException {
        Dataset<Row> parsed = SensorReadingParser.parse(KafkaStreams.read(spark, settings, Topic.SENSOR_DATA, false));
        return List.of(KafkaStreams.write(records(parsed), settings, NAME)
                .outputMode(OutputMode.Update())
                .trigger(Trigger.ProcessingTime(settings.microBatchInterval()))
                .start());
    }

    /** Alerts and dead letters as Kafka rows ({@code topic, key, value, headers}). */
    static Dataset<Row> records(Dataset<Row> parsed) {
        return DeadLetters.routed(
                parsed,
                Topic.SENSOR_DATA,
                SensorThresholds.outOfRange(),
                Topic.SENSOR_ALERTS,
                col("sensor_id").cast("binary"),
                KafkaStreams.json(SensorThresholds.alert()));
    }
}
