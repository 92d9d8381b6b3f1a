package io.streamsight.spark.input;

import io.streamsight.events.EventJson;
import io.streamsight.events.RawEvent;
import java.sql.Timestamp;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Raw {@code raw_events} records into {@link ParsedRecords} rows whose event columns are
 * {@code event_id, user_id, event_type, payload, event_time}, through the contract's codec
 * (a null {@code user_id} is valid JSON; the ETL drops it, not the parser).
 */
public final class RawEventParser {

    public static final StructType EVENT_SCHEMA = new StructType()
            .add("event_id", DataTypes.StringType)
            .add("user_id", DataTypes.StringType)
            .add("event_type", DataTypes.StringType)
            .add("payload", DataTypes.StringType)
            .add("event_time", DataTypes.TimestampType);

    private static final UserDefinedFunction PARSE = ParsedRecords.parser(EVENT_SCHEMA, RawEventParser::event);

    private RawEventParser() {}

    public static Dataset<Row> parse(Dataset<Row> kafkaRecords) {
        return ParsedRecords.parse(kafkaRecords, PARSE);
    }

    private static Row event(byte[] value) {
        RawEvent event = EventJson.read(value, RawEvent.class);
        return RowFactory.create(
                event.eventId(), event.userId(), event.eventType(), event.payload(), Timestamp.from(event.eventTime()));
    }
}
