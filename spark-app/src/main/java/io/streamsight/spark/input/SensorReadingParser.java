package io.streamsight.spark.input;

import io.streamsight.events.EventJson;
import io.streamsight.events.SensorReading;
import java.sql.Timestamp;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Raw {@code sensor_data} records into {@link ParsedRecords} rows whose event columns are
 * {@code sensor_id, temperature, humidity, pressure, timestamp}, through the contract's codec.
 */
public final class SensorReadingParser {

    public static final StructType READING_SCHEMA = new StructType()
            .add("sensor_id", DataTypes.StringType)
            .add("temperature", DataTypes.DoubleType)
            .add("humidity", DataTypes.DoubleType)
            .add("pressure", DataTypes.DoubleType)
            .add("timestamp", DataTypes.TimestampType);

    private static final UserDefinedFunction PARSE = ParsedRecords.parser(READING_SCHEMA, SensorReadingParser::reading);

    private SensorReadingParser() {}

    public static Dataset<Row> parse(Dataset<Row> kafkaRecords) {
        return ParsedRecords.parse(kafkaRecords, PARSE);
    }

    private static Row reading(byte[] value) {
        SensorReading reading = EventJson.read(value, SensorReading.class);
        return RowFactory.create(
                reading.sensorId(),
                reading.temperature(),
                reading.humidity(),
                reading.pressure(),
                Timestamp.from(reading.timestamp()));
    }
}
