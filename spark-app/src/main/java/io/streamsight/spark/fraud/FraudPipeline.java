package io.streamsight.spark.fraud;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.streamsight.events.Topic;
import io.streamsight.spark.Pipeline;
import io.streamsight.spark.StreamSightSettings;
import io.streamsight.spark.StreamSightSettings.FraudTrigger;
import io.streamsight.spark.kafka.KafkaStreams;
import io.streamsight.spark.transactions.DeadLetters;
import io.streamsight.spark.transactions.TransactionParser;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * {@code transactions} -> {@code fraud_alerts} (keyed by user_id) and {@code transactions_dlq}
 * (original key and value, reason in headers), in one stateless query. Each input record gives
 * at most one output row (an alert, a dead letter, or nothing) in a single projection: real-time
 * mode rejects a union of two branches over the same source.
 */
public final class FraudPipeline implements Pipeline {

    public static final String NAME = "fraud";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> queryNames() {
        return List.of(NAME);
    }

    @Override
    public List<StreamingQuery> start(SparkSession spark, StreamSightSettings settings) throws TimeoutException {
        boolean realTime = settings.fraudTrigger() == FraudTrigger.REAL_TIME;
        Dataset<Row> parsed = TransactionParser.parse(KafkaStreams.read(spark, settings, Topic.TRANSACTIONS, realTime));
        Trigger trigger = realTime
                ? Trigger.RealTime(settings.checkpointInterval())
                : Trigger.ProcessingTime(settings.microBatchInterval());
        StreamingQuery query = KafkaStreams.write(records(parsed, new FraudDetection(settings.fraudRules())), settings, NAME)
                .outputMode(OutputMode.Update())
                .trigger(trigger)
                .start();
        return List.of(query);
    }

    /** Alerts and dead letters as Kafka rows ({@code topic, key, value, headers}). */
    static Dataset<Row> records(Dataset<Row> parsed, FraudDetection detection) {
        Column valid = TransactionParser.valid();
        return parsed.filter(not(valid).or(detection.flagged())).select(
                when(valid, lit(Topic.FRAUD_ALERTS.topicName())).otherwise(lit(Topic.TRANSACTIONS_DLQ.topicName())).as("topic"),
                when(valid, col("user_id").cast("binary")).otherwise(col("kafka_key")).as("key"),
                when(valid, KafkaStreams.json(detection.alert())).otherwise(col("kafka_value")).as("value"),
                when(not(valid), DeadLetters.headers()).as("headers"));
    }
}
