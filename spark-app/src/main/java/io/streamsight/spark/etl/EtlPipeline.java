package io.streamsight.spark.etl;

import io.streamsight.events.Topic;
import io.streamsight.spark.input.ParsedRecords;
import io.streamsight.spark.input.RawEventParser;
import io.streamsight.spark.kafka.DeadLetteringPipeline;
import io.streamsight.spark.pipeline.StreamSightSettings;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * {@code raw_events} -> Parquet files partitioned by {@code date_partition} under
 * {@code spark.streamsight.etl.path} (query {@code etl.parquet}), and malformed records ->
 * {@code raw_events_dlq}. The file sink is exactly-once: it commits each batch's files to its
 * {@code _spark_metadata} log together with the checkpoint, and readers of the path see only
 * committed files, so a replay after a crash adds no duplicate.
 */
public final class EtlPipeline extends DeadLetteringPipeline {

    public static final String NAME = "etl";

    public EtlPipeline() {
        super(NAME, "parquet", Topic.RAW_EVENTS, RawEventParser::parse);
    }

    @Override
    protected StreamingQuery startOutput(SparkSession spark, StreamSightSettings settings, String queryName)
            throws TimeoutException {
        Dataset<Row> events = RawEventCleaning.cleaned(parsed(spark, settings).filter(ParsedRecords.valid()));
        return events.writeStream()
                .format("parquet")
                .queryName(queryName)
                .option("path", settings.etlPath())
                .option("checkpointLocation", settings.checkpointOf(queryName))
                .partitionBy("date_partition")
                .outputMode(OutputMode.Append())
                .trigger(Trigger.ProcessingTime(settings.microBatchInterval()))
                .start();
    }
}
