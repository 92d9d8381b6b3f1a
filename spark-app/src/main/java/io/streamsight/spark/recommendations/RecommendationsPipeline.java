package io.streamsight.spark.recommendations;

import io.streamsight.events.Topic;
import io.streamsight.spark.input.ParsedRecords;
import io.streamsight.spark.input.UserActivityParser;
import io.streamsight.spark.kafka.DeadLetteringPipeline;
import io.streamsight.spark.kafka.KafkaStreams;
import io.streamsight.spark.pipeline.StreamSightSettings;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * {@code user_activity} -> {@code recommendations} (query {@code recommendations.top_items},
 * keyed by user_id, one record per purchase) and malformed activity -> {@code user_activity_dlq}.
 */
public final class RecommendationsPipeline extends DeadLetteringPipeline {

    public static final String NAME = "recommendations";

    /** At most one batch a second: the query's processing-time state asks for a batch after every batch. */
    static final Duration IDLE_BATCH_INTERVAL = Duration.ofSeconds(1);

    public RecommendationsPipeline() {
        super(NAME, "top_items", Topic.USER_ACTIVITY, UserActivityParser::parse);
    }

    @Override
    protected StreamingQuery startOutput(SparkSession spark, StreamSightSettings settings, String queryName)
            throws TimeoutException {
        Dataset<Row> recommendations =
                ItemRecommendations.onPurchase(parsed(spark, settings).filter(ParsedRecords.valid()));
        return KafkaStreams.startMicroBatch(
                recommendations,
                "user_id",
                Topic.RECOMMENDATIONS,
                OutputMode.Update(),
                settings.microBatchTrigger(IDLE_BATCH_INTERVAL),
                settings,
                queryName);
    }
}
