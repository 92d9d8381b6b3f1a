package io.streamsight.spark.time;

import static org.apache.spark.sql.functions.current_timezone;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.to_utc_timestamp;

import org.apache.spark.sql.Column;

/**
 * Timestamps as text in UTC. {@code date_format} renders in the session time zone; a deployment
 * may set another one, and ids and partition names must not change with it.
 */
public final class UtcText {

    private UtcText() {}

    /** {@code timestamp} rendered with a {@code date_format} pattern, in UTC. */
    public static Column format(Column timestamp, String pattern) {
        return date_format(to_utc_timestamp(timestamp, current_timezone()), pattern);
    }
}
