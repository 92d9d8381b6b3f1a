package io.streamsight.spark.input;

import static org.apache.spark.sql.functions.col;

import io.streamsight.events.MalformedEventException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Raw Kafka rows turned into one row per record by a Java parser run in a UDF: the event's
 * columns when the value satisfies the contract, otherwise a {@code reason}. Parsers use the
 * events module's codec, so Spark accepts and rejects exactly what the other services do.
 *
 * <p>Output columns: {@code kafka_key, kafka_value, kafka_topic, kafka_partition, kafka_offset,
 * kafka_timestamp} (the original record, kept for dead-lettering and for the source timestamp of
 * what is derived from it, see {@link DeadLetters}), {@code reason} (null
 * when valid) and the event's columns (null when invalid).
 */
public final class ParsedRecords {

    private ParsedRecords() {}

    /**
     * A UDF from Kafka value bytes to {@code struct<event, reason>}; {@code toEvent} returns the
     * event as a row of {@code eventSchema} or throws {@link MalformedEventException}.
     */
    public static UserDefinedFunction parser(StructType eventSchema, UDF1<byte[], Row> toEvent) {
        StructType parsedSchema = new StructType().add("event", eventSchema).add("reason", DataTypes.StringType);
        return functions.udf((UDF1<byte[], Row>) value -> parse(toEvent, value), parsedSchema);
    }

    private static Row parse(UDF1<byte[], Row> toEvent, byte[] value) throws Exception {
        try {
            return RowFactory.create(toEvent.call(value), null);
        } catch (MalformedEventException e) {
            return RowFactory.create(null, e.getMessage());
        }
    }

    /** Parses the {@code value} of every Kafka record; never fails, never drops a record. */
    public static Dataset<Row> parse(Dataset<Row> kafkaRecords, UserDefinedFunction parser) {
        return kafkaRecords
                .select(
                        col("key").as("kafka_key"),
                        col("value").as("kafka_value"),
                        col("topic").as("kafka_topic"),
                        col("partition").as("kafka_partition"),
                        col("offset").as("kafka_offset"),
                        col("timestamp").as("kafka_timestamp"),
                        parser.apply(col("value")).as("parsed"))
                .select(
                        col("kafka_key"),
                        col("kafka_value"),
                        col("kafka_topic"),
                        col("kafka_partition"),
                        col("kafka_offset"),
                        col("kafka_timestamp"),
                        col("parsed.reason").as("reason"),
                        col("parsed.event.*"));
    }

    /** The condition of a row that satisfies the contract. */
    public static Column valid() {
        return col("reason").isNull();
    }
}
