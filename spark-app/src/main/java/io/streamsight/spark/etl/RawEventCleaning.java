package io.streamsight.spark.etl;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.streamsight.spark.time.UtcText;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The ETL's transformation over raw event columns ({@link RawEventParser}): events without a
 * {@code user_id} are dropped and counted, the others get {@code processed_timestamp} (the
 * micro-batch's time) and {@code date_partition} ({@code yyyy-MM-dd} of {@code event_time} in UTC).
 */
public final class RawEventCleaning {

    /**
     * The name of the observed metric ({@code StreamingQueryProgress.observedMetrics}) with
     * {@code events} (valid events seen) and {@code dropped_null_user_id}.
     */
    public static final String OBSERVED = "raw_events";

    public static final String DROPPED_NULL_USER_ID = "dropped_null_user_id";

    private RawEventCleaning() {}

    public static Dataset<Row> cleaned(Dataset<Row> events) {
        return events.observe(
                        OBSERVED,
                        count(lit(1)).as("events"),
                        count(when(col("user_id").isNull(), true)).as(DROPPED_NULL_USER_ID))
                .filter(col("user_id").isNotNull())
                .select(
                        col("event_id"),
                        col("user_id"),
                        col("event_type"),
                        col("payload"),
                        col("event_time"),
                        current_timestamp().as("processed_timestamp"),
                        UtcText.format(col("event_time"), "yyyy-MM-dd").as("date_partition"));
    }
}
