package io.streamsight.spark.weblogs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.window;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * HTTP error counts over parsed log lines ({@link WebLogParser}): per 1-minute tumbling window
 * of the line's {@code time} and per {@code error_type} ({@code client_error} for 4xx,
 * {@code server_error} for 5xx), late lines accepted for 2 minutes. Output columns
 * {@code window_start, window_end, error_type, count}.
 */
public final class LogErrorCounts {

    public static final String CLIENT_ERROR = "client_error";
    public static final String SERVER_ERROR = "server_error";
    public static final String WATERMARK = "2 minutes";

    private LogErrorCounts() {}

    public static Dataset<Row> perMinute(Dataset<Row> lines) {
        return lines.withColumn("error_type", errorType())
                .filter(col("error_type").isNotNull())
                .withWatermark("time", WATERMARK)
                .groupBy(window(col("time"), "1 minute").as("window"), col("error_type"))
                .count()
                .select(
                        col("window.start").as("window_start"),
                        col("window.end").as("window_end"),
                        col("error_type"),
                        col("count"));
    }

    /** The error type of a status, null when it is not an error. */
    public static Column errorType() {
        Column status = col("status");
        return when(status.between(400, 499), lit(CLIENT_ERROR)).when(status.between(500, 599), lit(SERVER_ERROR));
    }
}
