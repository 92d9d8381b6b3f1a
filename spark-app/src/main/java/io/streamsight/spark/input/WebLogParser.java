package io.streamsight.spark.input;

import io.streamsight.events.CommonLogLine;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Raw {@code web_logs} records (one common-log-format line each) into {@link ParsedRecords}
 * rows whose event columns are {@code host, user, time, request, status, size}, parsed by the
 * events module's {@link CommonLogLine}. {@code time} is a real timestamp, so a watermark works on it.
 */
public final class WebLogParser {

    public static final StructType LINE_SCHEMA = new StructType()
            .add("host", DataTypes.StringType)
            .add("user", DataTypes.StringType)
            .add("time", DataTypes.TimestampType)
            .add("request", DataTypes.StringType)
            .add("status", DataTypes.IntegerType)
            .add("size", DataTypes.LongType);

    private static final UserDefinedFunction PARSE = ParsedRecords.parser(LINE_SCHEMA, WebLogParser::line);

    private WebLogParser() {}

    public static Dataset<Row> parse(Dataset<Row> kafkaRecords) {
        return ParsedRecords.parse(kafkaRecords, PARSE);
    }

    private static Row line(byte[] value) {
        CommonLogLine line = CommonLogLine.parse(value == null ? null : new String(value, StandardCharsets.UTF_8));
        return RowFactory.create(
                line.host(), line.user(), Timestamp.from(line.time()), line.request(), line.status(), line.size());
    }
}
