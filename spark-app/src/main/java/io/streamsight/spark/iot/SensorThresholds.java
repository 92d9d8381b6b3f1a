package io.streamsight.spark.iot;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.streamsight.events.AlertIds;
import io.streamsight.events.SensorAlert;
import io.streamsight.spark.alerts.AlertIdColumn;
import io.streamsight.spark.time.UtcText;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Stateless IoT alerting over sensor reading columns ({@link SensorReadingParser}): a reading is
 * out of range when temperature &gt; 80, humidity &gt; 90 or pressure &lt; 950 (strict), and gives
 * exactly one {@link SensorAlert}.
 */
public final class SensorThresholds {

    public static final String HIGH_TEMPERATURE = "high_temperature";
    public static final String HIGH_HUMIDITY = "high_humidity";
    public static final String LOW_PRESSURE = "low_pressure";

    /** The reading time in the id: the contract's timestamp form, always with milliseconds. */
    public static final String ID_TIME_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'";

    private SensorThresholds() {}

    /** The alerts of the out-of-range readings, one row per alert with SensorAlert's fields. */
    public static Dataset<Row> alerts(Dataset<Row> readings) {
        return readings.filter(outOfRange()).select(alert().as("alert")).select("alert.*");
    }

    /** True when at least one threshold is crossed. */
    public static Column outOfRange() {
        return size(reasons()).gt(0);
    }

    /** Every crossed threshold, in the order temperature, humidity, pressure. */
    public static Column reasons() {
        return array_compact(array(
                when(col("temperature").gt(80), lit(HIGH_TEMPERATURE)),
                when(col("humidity").gt(90), lit(HIGH_HUMIDITY)),
                when(col("pressure").lt(950), lit(LOW_PRESSURE))));
    }

    /**
     * The alert as a struct whose field names are SensorAlert's JSON names. {@code detected_at}
     * is the micro-batch's time, which is when the reading was evaluated.
     */
    public static Column alert() {
        Column temperature = col("temperature");
        return struct(
                AlertIdColumn.of(
                                AlertIds.SENSOR,
                                concat(col("sensor_id"), lit("@"), UtcText.format(col("timestamp"), ID_TIME_FORMAT)))
                        .as("alert_id"),
                col("sensor_id"),
                temperature,
                col("humidity"),
                col("pressure"),
                when(temperature.gt(100), lit("critical"))
                        .when(temperature.gt(80), lit("warning"))
                        .otherwise(lit("info"))
                        .as("alert_level"),
                reasons().as("reasons"),
                col("timestamp"),
                current_timestamp().as("detected_at"));
    }
}
