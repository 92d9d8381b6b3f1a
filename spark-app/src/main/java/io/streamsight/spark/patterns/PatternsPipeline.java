package io.streamsight.spark.patterns;

import io.streamsight.events.Topic;
import io.streamsight.spark.input.ParsedRecords;
import io.streamsight.spark.input.TransactionParser;
import io.streamsight.spark.input.UserUpdateParser;
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

/**
 * {@code transactions} and {@code user_updates} -> {@code fraud_alerts} (keyed by user_id): the
 * stateful rules ({@link TransactionPatterns}) in one micro-batch query, since real-time mode
 * runs stateless queries only. Malformed input is skipped here: the fraud and enrichment
 * pipelines dead-letter it.
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
        Dataset<Row> alerts = TransactionPatterns.alerts(transactions, profiles, settings.patterns());
        return List.of(KafkaStreams.startMicroBatch(
                alerts, "user_id", Topic.FRAUD_ALERTS, OutputMode.Append(), settings, NAME));
    }
}
