package io.streamsight.spark.patterns;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.streamsight.events.Topic;
import io.streamsight.spark.fraud.LiveRuleBook;
import io.streamsight.spark.input.ParsedRecords;
import io.streamsight.spark.input.TransactionParser;
import io.streamsight.spark.input.UserUpdateParser;
import io.streamsight.spark.kafka.KafkaStreams;
import io.streamsight.spark.pipeline.Pipeline;
import io.streamsight.spark.pipeline.StreamSightSettings;
import java.util.Arrays;
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
 * {@code transactions} and {@code user_updates} -> {@code fraud_alerts} (keyed by user_id): the
 * stateful rules ({@link TransactionPatterns}) in one micro-batch query, since real-time mode
 * runs stateless queries only; the shadow rules' matches go to {@code fraud_shadow_alerts} from
 * the same query. Malformed input is skipped here: the fraud and enrichment pipelines dead-letter it.
 */
public final class PatternsPipeline implements Pipeline {

    public static final String NAME = "patterns";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<StreamingQuery> start(SparkSession spark, StreamSightSettings settings) throws TimeoutException {
        Dataset<Row> transactions = TransactionParser.parse(
                        KafkaStreams.read(spark, settings, Topic.TRANSACTIONS, false))
                .filter(ParsedRecords.valid());
        Dataset<Row> profiles = UserUpdateParser.parse(KafkaStreams.read(spark, settings, Topic.USER_UPDATES, false))
                .filter(ParsedRecords.valid());
        LiveRuleBook.Source rules = LiveRuleBook.Source.of(settings);
        Dataset<Row> alerts = TransactionPatterns.alerts(transactions, profiles, settings.patternIdleExpiry(), rules);
        return List.of(LiveRuleBook.following(
                spark,
                rules,
                () -> KafkaStreams.write(records(alerts), settings, NAME)
                        .outputMode(OutputMode.Append())
                        .trigger(Trigger.ProcessingTime(settings.microBatchInterval()))
                        .start()));
    }

    /** The alert rows as Kafka rows: stateful matches to fraud_alerts, shadow matches to fraud_shadow_alerts. */
    static Dataset<Row> records(Dataset<Row> alerts) {
        Column[] fields = Arrays.stream(alerts.columns())
                .filter(name -> !name.equals(PatternProcessor.SHADOW))
                .map(name -> col(name))
                .toArray(Column[]::new);
        return alerts.select(
                when(col(PatternProcessor.SHADOW), lit(Topic.FRAUD_SHADOW_ALERTS.topicName()))
                        .otherwise(lit(Topic.FRAUD_ALERTS.topicName()))
                        .as("topic"),
                col("user_id").cast("binary").as("key"),
                KafkaStreams.json(struct(fields)).as("value"));
    }
}
