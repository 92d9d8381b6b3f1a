package io.streamsight.spark.fraud;

import static org.apache.spark.sql.functions.col;

import io.streamsight.events.Topic;
import io.streamsight.spark.input.TransactionParser;
import io.streamsight.spark.kafka.DeadLetters;
import io.streamsight.spark.kafka.KafkaStreams;
import io.streamsight.spark.pipeline.Pipeline;
import io.streamsight.spark.pipeline.StreamSightSettings;
import io.streamsight.spark.pipeline.StreamSightSettings.FraudTrigger;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * {@code transactions} -> {@code fraud_alerts} (keyed by user_id) and {@code transactions_dlq}
 * (original key and value, reason in headers), in one stateless query: each input record gives
 * an alert, a dead letter or nothing ({@link DeadLetters#routed}). The rules come from the rules
 * file and the {@code fraud_rules} topic ({@link LiveRuleBook}), followed while the query runs.
 */
public final class FraudPipeline implements Pipeline {

    public static final String NAME = "fraud";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<StreamingQuery> start(SparkSession spark, StreamSightSettings settings) throws TimeoutException {
        boolean realTime = settings.fraudTrigger() == FraudTrigger.REAL_TIME;
        Dataset<Row> parsed = TransactionParser.parse(KafkaStreams.read(spark, settings, Topic.TRANSACTIONS, realTime));
        Trigger trigger = realTime
                ? Trigger.RealTime(settings.checkpointInterval())
                : Trigger.ProcessingTime(settings.microBatchInterval());
        LiveRuleBook.Source rules = LiveRuleBook.Source.of(settings);
        return List.of(LiveRuleBook.following(
                spark,
                rules,
                () -> KafkaStreams.write(records(parsed, new FraudDetection(rules)), settings, NAME)
                        .outputMode(OutputMode.Update())
                        .trigger(trigger)
                        .start()));
    }

    /** Alerts and dead letters as Kafka rows ({@code topic, key, value, headers}). */
    static Dataset<Row> records(Dataset<Row> parsed, FraudDetection detection) {
        return DeadLetters.routed(
                detection.withVerdict(parsed),
                Topic.TRANSACTIONS,
                detection.flagged(),
                Topic.FRAUD_ALERTS,
                col("user_id").cast("binary"),
                KafkaStreams.json(detection.alert()));
    }
}
