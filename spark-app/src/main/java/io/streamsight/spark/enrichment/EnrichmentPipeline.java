package io.streamsight.spark.enrichment;

import io.streamsight.events.Topic;
import io.streamsight.spark.input.ParsedRecords;
import io.streamsight.spark.input.TransactionParser;
import io.streamsight.spark.input.UserUpdateParser;
import io.streamsight.spark.kafka.DeadLetteringPipeline;
import io.streamsight.spark.kafka.KafkaStreams;
import io.streamsight.spark.pipeline.StreamSightSettings;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * {@code transactions} x {@code user_updates} -> {@code enriched_transactions} (query
 * {@code enrichment.join}, keyed by user_id, output mode append: a stream-stream inner join
 * emits each match once), and malformed {@code user_updates} -> {@code user_updates_dlq}.
 * Malformed transactions are skipped here; the fraud query dead-letters them.
 */
public final class EnrichmentPipeline extends DeadLetteringPipeline {

    public static final String NAME = "enrichment";

    public EnrichmentPipeline() {
        super(NAME, "join", Topic.USER_UPDATES, UserUpdateParser::parse);
    }

    @Override
    protected StreamingQuery startOutput(SparkSession spark, StreamSightSettings settings, String queryName)
            throws TimeoutException {
        Dataset<Row> transactions = TransactionParser.parse(
                        KafkaStreams.read(spark, settings, Topic.TRANSACTIONS, false))
                .filter(ParsedRecords.valid());
        Dataset<Row> enriched = TransactionEnrichment.enriched(
                transactions, parsed(spark, settings).filter(ParsedRecords.valid()));
        return KafkaStreams.startMicroBatch(
                enriched, "user_id", Topic.ENRICHED_TRANSACTIONS, OutputMode.Append(), settings, queryName);
    }
}
