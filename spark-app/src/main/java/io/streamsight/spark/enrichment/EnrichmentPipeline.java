package io.streamsight.spark.enrichment;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;

import io.streamsight.events.Topic;
import io.streamsight.spark.DeadLetteringPipeline;
import io.streamsight.spark.StreamSightSettings;
import io.streamsight.spark.kafka.KafkaStreams;
import io.streamsight.spark.kafka.ParsedRecords;
import io.streamsight.spark.transactions.TransactionParser;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

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
        Dataset<Row> transactions = TransactionParser.parse(KafkaStreams.read(spark, settings, Topic.TRANSACTIONS, false))
                .filter(ParsedRecords.valid());
        Dataset<Row> enriched = TransactionEnrichment.enriched(transactions, parsed(spark, settings).filter(ParsedRecords.valid()))
                .select(col("user_id").cast("binary").as("key"), KafkaStreams.json(struct(col("*"))).as("value"));
        return KafkaStreams.write(enriched, settings, queryName)
                .option("topic", Topic.ENRICHED_TRANSACTIONS.topicName())
                .outputMode(OutputMode.Append())
                .trigger(Trigger.ProcessingTime(settings.microBatchInterval()))
                .start();
    }
}
