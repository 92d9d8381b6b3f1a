package io.streamsight.spark.fraud;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;

import io.streamsight.events.AlertIds;
import io.streamsight.events.Transaction;
import io.streamsight.events.rules.RuleBook;
import io.streamsight.spark.alerts.AlertIdColumn;
import io.streamsight.spark.alerts.Explanations;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF0;
import org.apache.spark.sql.api.java.UDF8;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Stateless fraud detection over transaction columns ({@code amount, category, location, ...}
 * as {@link io.streamsight.spark.input.TransactionParser} produces them): the rules in
 * force when a row is evaluated ({@link RuleBookSource}) give its verdict, and a flagged
 * transaction gives one {@link io.streamsight.events.FraudAlert}. The rules are data evaluated
 * in a UDF, not columns planned once, so a rule change needs no new query plan; the query stays
 * projections and filters and runs in real-time mode.
 */
public final class FraudDetection {

    static final String VERDICT = "verdict";

    /**
     * The wall-clock instant a row is evaluated. {@code current_timestamp()} is fixed per batch,
     * and a real-time batch lasts a whole checkpoint interval, so it would date alerts minutes early.
     */
    private static final UserDefinedFunction NOW = functions
            .udf((UDF0<Timestamp>) () -> Timestamp.from(Instant.now()), DataTypes.TimestampType)
            .asNondeterministic();

    private static final StructType VERDICT_TYPE = new StructType()
            .add("rules", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("alert_type", DataTypes.StringType, false)
            .add("severity", DataTypes.StringType, false)
            .add("risk_score", DataTypes.IntegerType, false)
            .add("explanations", Explanations.TYPE, false);

    private final UserDefinedFunction verdict;

    public FraudDetection(RuleBookSource rules) {
        // Non-deterministic: the same row may get another verdict once the rules change.
        this.verdict = functions
                .udf(
                        (UDF8<String, String, BigDecimal, String, String, String, String, Timestamp, Row>)
                                (id, user, amount, currency, merchant, category, location, time) -> {
                                    if (id == null) {
                                        return null;
                                    }
                                    RuleBook.Verdict v = rules.current()
                                            .evaluate(new Transaction(
                                                    id,
                                                    user,
                                                    amount,
                                                    currency,
                                                    merchant,
                                                    category,
                                                    location,
                                                    time.toInstant()));
                                    return RowFactory.create(
                                            v.rules().toArray(String[]::new),
                                            v.alertType(),
                                            v.severity().wireName(),
                                            v.riskScore(),
                                            Explanations.value(v.explanations()));
                                },
                        VERDICT_TYPE)
                .asNondeterministic();
    }

    /** The alerts of the flagged transactions, one row per alert with FraudAlert's fields. */
    public Dataset<Row> alerts(Dataset<Row> transactions) {
        return withVerdict(transactions)
                .filter(flagged())
                .select(alert().as("alert"))
                .select("alert.*");
    }

    /** The rows with the {@code verdict} column that {@link #flagged} and {@link #alert} read. */
    public Dataset<Row> withVerdict(Dataset<Row> transactions) {
        return transactions.withColumn(
                VERDICT,
                verdict.apply(
                        col("transaction_id"),
                        col("user_id"),
                        col("amount"),
                        col("currency"),
                        col("merchant"),
                        col("category"),
                        col("location"),
                        col("timestamp")));
    }

    /** True when at least one enabled rule matches. */
    public Column flagged() {
        return col(VERDICT).isNotNull().and(size(col(VERDICT + ".rules")).gt(0));
    }

    /** The alert as a struct whose field names are FraudAlert's JSON names. */
    public Column alert() {
        return struct(
                AlertIdColumn.of(AlertIds.FRAUD, col("transaction_id")).as("alert_id"),
                col("transaction_id"),
                col("user_id"),
                col("amount"),
                col("category"),
                col("merchant"),
                col("location"),
                col("timestamp"),
                col(VERDICT + ".alert_type").as("alert_type"),
                col(VERDICT + ".severity").as("severity"),
                col(VERDICT + ".risk_score").as("risk_score"),
                col(VERDICT + ".rules").as("rules"),
                NOW.apply().as("detected_at"),
                col(VERDICT + ".explanations").as("explanations"));
    }
}
