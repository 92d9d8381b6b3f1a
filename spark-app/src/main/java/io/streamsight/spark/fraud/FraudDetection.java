package io.streamsight.spark.fraud;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.streamsight.events.AlertIds;
import io.streamsight.events.Severity;
import io.streamsight.spark.alerts.AlertIdColumn;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF0;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Stateless fraud detection over transaction columns ({@code amount, category, location, ...}
 * as {@link io.streamsight.spark.transactions.TransactionParser} produces them): which rules
 * match, and the one {@link io.streamsight.events.FraudAlert} a flagged transaction gives.
 * Only projections and filters, so the query runs in real-time mode.
 */
public final class FraudDetection {

    /**
     * The wall-clock instant a row is evaluated. {@code current_timestamp()} is fixed per batch,
     * and a real-time batch lasts a whole checkpoint interval, so it would date alerts minutes early.
     */
    private static final UserDefinedFunction NOW = functions
            .udf((UDF0<Timestamp>) () -> Timestamp.from(Instant.now()), DataTypes.TimestampType)
            .asNondeterministic();

    private final FraudRules rules;

    public FraudDetection(FraudRules rules) {
        this.rules = rules;
    }

    /** The alerts of the flagged transactions, one row per alert with FraudAlert's fields. */
    public Dataset<Row> alerts(Dataset<Row> transactions) {
        return transactions.filter(flagged()).select(alert().as("alert")).select("alert.*");
    }

    /** True when at least one rule matches. */
    public Column flagged() {
        return size(matchedRules()).gt(0);
    }

    /** The ids of every matching rule, in DESIGN section 7's order. */
    public Column matchedRules() {
        Column amount = col("amount");
        return array_compact(array(
                when(amount.gt(5000), lit(FraudRules.AMOUNT_OVER_5000)),
                when(suspiciousLocation(), lit(FraudRules.SUSPICIOUS_LOCATION)),
                when(amount.gt(3000), lit(FraudRules.AMOUNT_OVER_3000)),
                when(col("category").equalTo("Electronics").and(amount.gt(1000)), lit(FraudRules.ELECTRONICS_OVER_1000))));
    }

    /** The alert as a struct whose field names are FraudAlert's JSON names. */
    public Column alert() {
        Column amount = col("amount");
        return struct(
                AlertIdColumn.of(AlertIds.FRAUD, col("transaction_id")).as("alert_id"),
                col("transaction_id"),
                col("user_id"),
                amount,
                col("category"),
                col("merchant"),
                col("location"),
                col("timestamp"),
                when(amount.gt(10000), lit("high_amount"))
                        .when(suspiciousLocation(), lit("suspicious_location"))
                        .otherwise(lit("general_alert")).as("alert_type"),
                when(amount.gt(10000), lit(Severity.CRITICAL.wireName()))
                        .when(amount.gt(5000), lit(Severity.HIGH.wireName()))
                        .otherwise(lit(Severity.MEDIUM.wireName())).as("severity"),
                when(amount.gt(3000), lit(100))
                        .when(amount.gt(1000), lit(75))
                        .when(amount.gt(500), lit(50))
                        .otherwise(lit(25)).as("risk_score"),
                matchedRules().as("rules"),
                NOW.apply().as("detected_at"));
    }

    private Column suspiciousLocation() {
        return col("location").isin(rules.suspiciousLocations().toArray());
    }
}
