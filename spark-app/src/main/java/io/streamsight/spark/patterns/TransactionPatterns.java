package io.streamsight.spark.patterns;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.streamsight.spark.fraud.RuleBookSource;
import io.streamsight.spark.input.TransactionParser;
import java.time.Duration;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.TimeMode;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The stateful fraud rules over valid transaction rows ({@link io.streamsight.spark.input.TransactionParser})
 * and user profile rows ({@link io.streamsight.spark.input.UserUpdateParser}): FraudAlert
 * rows, one per matched rule and transaction ({@link PatternProcessor}). Event time with a
 * watermark, so timers and late rows are judged by the events' own clocks; needs the RocksDB
 * state store provider, as every {@code transformWithState} does.
 */
public final class TransactionPatterns {

    /** How late an event may arrive (event time behind the newest) and still be judged. */
    public static final String LATENESS = "10 minutes";

    private TransactionPatterns() {}

    /**
     * FraudAlert rows of the stateful rules of {@code rules}, and of its shadow rules (marked by
     * {@code shadow}): the stateless ones are evaluated here because this query sees every transaction in a
     * micro-batch JVM: the real-time fraud query allows one output row per input row and no union.
     */
    public static Dataset<Row> alerts(
            Dataset<Row> transactions, Dataset<Row> profiles, Duration idleExpiry, RuleBookSource rules) {
        Dataset<Row> events = transactions
                .select(
                        lit(PatternProcessor.TRANSACTION).as("kind"),
                        col("user_id"),
                        col("transaction_id"),
                        col("amount"),
                        col("currency"),
                        col("merchant"),
                        col("category"),
                        col("location"),
                        col("timestamp"))
                .unionByName(profiles.select(
                        lit(PatternProcessor.PROFILE).as("kind"),
                        col("user_id"),
                        nothing(DataTypes.StringType).as("transaction_id"),
                        nothing(TransactionParser.AMOUNT_TYPE).as("amount"),
                        nothing(DataTypes.StringType).as("currency"),
                        nothing(DataTypes.StringType).as("merchant"),
                        nothing(DataTypes.StringType).as("category"),
                        col("home_location").as("location"),
                        col("update_time").as("timestamp")));
        return events.withWatermark("timestamp", LATENESS)
                .groupByKey((MapFunction<Row, String>) row -> row.getAs("user_id"), Encoders.STRING())
                .transformWithState(
                        new PatternProcessor(idleExpiry, rules),
                        TimeMode.EventTime(),
                        OutputMode.Append(),
                        Encoders.row(PatternProcessor.ALERT_SCHEMA));
    }

    private static Column nothing(DataType type) {
        return lit(null).cast(type);
    }
}
