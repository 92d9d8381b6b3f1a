package io.streamsight.spark.input;

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
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

/**
 * Turns raw {@code transactions} records (the Kafka source's columns) into {@link ParsedRecords}
 * rows whose event columns are {@code transaction_id, user_id, amount, currency, merchant,
 * category, location, timestamp}. Parsing goes through the contract's own codec
 * ({@link EventJson}), and the reason of a rejected record names the field.
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

    private static final BigDecimal AMOUNT_LIMIT = BigDecimal.TEN.pow(AMOUNT_TYPE.precision() - AMOUNT_TYPE.scale());

    private static final UserDefinedFunction PARSE =
            ParsedRecords.parser(TRANSACTION_SCHEMA, TransactionParser::transaction);

    private TransactionParser() {}

    /** Parses the {@code value} of every Kafka record; never fails, never drops a record. */
    public static Dataset<Row> parse(Dataset<Row> kafkaRecords) {
        return ParsedRecords.parse(kafkaRecords, PARSE);
    }

    /** The condition of a row that satisfies the contract. */
    public static Column valid() {
        return ParsedRecords.valid();
    }

    private static Row transaction(byte[] value) {
        Transaction tx = EventJson.read(value, Transaction.class);
        if (tx.amount().abs().compareTo(AMOUNT_LIMIT) >= 0) {
            throw new MalformedEventException("amount", "is too large, must be below " + AMOUNT_LIMIT.toPlainString());
        }
        return RowFactory.create(
                tx.transactionId(),
                tx.userId(),
                tx.amount().setScale(AMOUNT_TYPE.scale(), RoundingMode.UNNECESSARY),
                tx.currency(),
                tx.merchant(),
                tx.category(),
                tx.location(),
                Timestamp.from(tx.timestamp()));
    }
}
