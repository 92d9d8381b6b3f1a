package io.streamsight.spark.input;

import io.streamsight.events.EventJson;
import io.streamsight.events.UserUpdate;
import java.sql.Timestamp;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Raw {@code user_updates} records into {@link ParsedRecords} rows whose event columns are
 * {@code user_id, home_location, tier, update_time}, through the contract's codec.
 */
public final class UserUpdateParser {

    public static final StructType UPDATE_SCHEMA = new StructType()
            .add("user_id", DataTypes.StringType)
            .add("home_location", DataTypes.StringType)
            .add("tier", DataTypes.StringType)
            .add("update_time", DataTypes.TimestampType);

    private static final UserDefinedFunction PARSE = ParsedRecords.parser(UPDATE_SCHEMA, UserUpdateParser::update);

    private UserUpdateParser() {}

    public static Dataset<Row> parse(Dataset<Row> kafkaRecords) {
        return ParsedRecords.parse(kafkaRecords, PARSE);
    }

    private static Row update(byte[] value) {
        UserUpdate update = EventJson.read(value, UserUpdate.class);
        return RowFactory.create(
                update.userId(), update.homeLocation(), update.tier(), Timestamp.from(update.updateTime()));
    }
}
