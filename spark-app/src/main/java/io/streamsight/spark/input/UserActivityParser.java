package io.streamsight.spark.input;

import io.streamsight.events.EventJson;
import io.streamsight.events.UserActivity;
import java.sql.Timestamp;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Raw {@code user_activity} records into {@link ParsedRecords} rows whose event columns are
 * {@code user_id, action (view|click|purchase), item_id, timestamp}, through the contract's codec.
 */
public final class UserActivityParser {

    public static final StructType ACTIVITY_SCHEMA = new StructType()
            .add("user_id", DataTypes.StringType)
            .add("action", DataTypes.StringType)
            .add("item_id", DataTypes.StringType)
            .add("timestamp", DataTypes.TimestampType);

    private static final UserDefinedFunction PARSE =
            ParsedRecords.parser(ACTIVITY_SCHEMA, UserActivityParser::activity);

    private UserActivityParser() {}

    public static Dataset<Row> parse(Dataset<Row> kafkaRecords) {
        return ParsedRecords.parse(kafkaRecords, PARSE);
    }

    private static Row activity(byte[] value) {
        UserActivity activity = EventJson.read(value, UserActivity.class);
        return RowFactory.create(
                activity.userId(),
                activity.action().name().toLowerCase(Locale.ROOT),
                activity.itemId(),
                Timestamp.from(activity.timestamp()));
    }
}
