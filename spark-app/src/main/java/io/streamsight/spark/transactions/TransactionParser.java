package io.streamsight.spark.transactions;

import static org.apache.spark.sql.functions.col;

import io.streamsight.events.EventJson;
import io.streamsight.events.MalformedEventException;
import io.streamsight.events.Transaction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

/**
 * Turns raw {@code transactions} records (the Kafka source's columns) into one row per record:
 * the transaction's fields when it satisfies the contract, otherwise a {@code reason}. Parsing
 * goes through the contract's own codec ({@link EventJson}), so Spark accepts and rejects
 * exactly what the generator and alert-service do, and the reason names the field.
 *
 * <p>Output columns: {@code kafka_key, kafka_value, kafka_topic, kafka_partition, kafka_offset}
 * (the original record, kept for dead-lettering), {@code reason} (null when valid) and the
 * transaction columns {@code transaction_id, user_id, amount, currency, merchant, category,
 * location, timestamp} (null when invalid).
 */
public final class TransactionParser {

    /** Amounts are exact: 16 integer digits and the contract's 2 decimals. */
    public static final DecimalType AMOUNT_TYPE = DataTypes.createDecimalType(18, 2);

    public static final StructType TRANSACTION_SCHEMA = new StructType()
            .add("transaction_id", DataTypes.StringType)
            .add("user_id", DataTypes.StringType)
            .add("amount", AMOUNT_TYPE)
            .add("currency", DataTypes.StringType)
            .add("merchant", DataTypes.StringType)
            .add("category", DataTypes.StringType)
            .add("location", DataTypes.StringType)
            .add("timestamp", DataTypes.TimestampType);

    private static final StructType PARSED_SCHEMA = new StructType()
            .add("transaction", TRANSACTION_SCHEMA)
            .add("reason", DataTypes.StringType);

    private static final BigDecimal AMOUNT_LIMIT = BigDecimal.TEN.pow(AMOUNT_TYPE.precision() - AMOUNT_TYPE.scale());

    private static final UserDefinedFunction PARSE = functions.udf((UDF1<byte[], Row>) TransactionParser::parse, PARSED_SCHEMA);

    private TransactionParser() {
    }

    /** Parses the {@code value} of every Kafka record; never fails, never drops a record. */
    public static Dataset<Row> parse(Dataset<Row> kafkaRecords) {
        return kafkaRecords
                .select(col("key").as("kafka_key"), col("value").as("kafka_value"), col("topic").as("kafka_topic"),
                        col("partition").as("kafka_partition"), col("offset").as("kafka_offset"),
                        PARSE.apply(col("value")).as("parsed"))
                .select(col("kafka_key"), col("kafka_value"), col("kafka_topic"), col("kafka_partition"),
                        col("kafka_offset"), col("parsed.reason").as("reason"), col("parsed.transaction.*"));
    }

    /** The condition of a row that satisfies the contract. */
    public static Column valid() {
        return col("reason").isNull();
    }

    static Row parse(byte[] value) {
        try {
            Transaction tx = EventJson.read(value, Transaction.class);
            if (tx.amount().abs().compareTo(AMOUNT_LIMIT) >= 0) {
                throw new MalformedEventException("amount", "is too large, must be below " + AMOUNT_LIMIT.toPlainString());
            }
            Row transaction = RowFactory.create(tx.transactionId(), tx.userId(),
                    tx.amount().setScale(AMOUNT_TYPE.scale(), RoundingMode.UNNECESSARY), tx.currency(), tx.merchant(),
                    tx.category(), tx.location(), Timestamp.from(tx.timestamp()));
            return RowFactory.create(transaction, null);
        } catch (MalformedEventException e) {
            return RowFactory.create(null, e.getMessage());
        }
    }
}
