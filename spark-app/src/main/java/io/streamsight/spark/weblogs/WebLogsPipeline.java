package io.streamsight.spark.weblogs;

import io.streamsight.events.Topic;
import io.streamsight.spark.input.ParsedRecords;
import io.streamsight.spark.input.WebLogParser;
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
 * {@code web_logs} -> {@code log_error_counts} (query {@code weblogs.error_counts}, keyed by
 * error_type, output mode update: a window's count is re-emitted as it grows, the last record
 * per key and window is current) and lines that do not parse -> {@code web_logs_dlq}.
 */
public final class WebLogsPipeline extends DeadLetteringPipeline {

    public static final String NAME = "weblogs";

    public WebLogsPipeline() {
        super(NAME, "error_counts", Topic.WEB_LOGS, WebLogParser::parse);
    }

    @Override
    protected StreamingQuery startOutput(SparkSession spark, StreamSightSettings settings, String queryName)
            throws TimeoutException {
        Dataset<Row> counts = LogErrorCounts.perMinute(parsed(spark, settings).filter(ParsedRecords.valid()));
        return KafkaStreams.startMicroBatch(
                counts, "error_type", Topic.LOG_ERROR_COUNTS, OutputMode.Update(), settings, queryName);
    }
}
