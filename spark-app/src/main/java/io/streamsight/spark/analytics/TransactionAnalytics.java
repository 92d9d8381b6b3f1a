package io.streamsight.spark.analytics;

import static org.apache.spark.sql.functions.approx_count_distinct;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.window;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The seed's windowed analytics over valid transactions (columns of
 * {@link io.streamsight.spark.input.TransactionParser}), event time = the transaction's
 * {@code timestamp}. Each output row carries {@code window_start} and {@code window_end}.
 * Averages are rounded to cents (HALF_UP), like every amount of the contract.
 */
public final class TransactionAnalytics {

    public static final String LOCATION_WATERMARK = "10 minutes";
    public static final String CATEGORY_WATERMARK = "10 minutes";
    public static final String USER_SPEND_WATERMARK = "5 minutes";

    private TransactionAnalytics() {}

    /** Per location, 5-minute windows sliding by 1 minute, late data accepted for 10 minutes. */
    public static Dataset<Row> perLocation(Dataset<Row> transactions) {
        return windowed(
                transactions.withWatermark("timestamp", LOCATION_WATERMARK),
                window(col("timestamp"), "5 minutes", "1 minute"),
                new Column[] {col("location")},
                count("*").as("transaction_count"),
                sum("amount").as("total_amount"),
                round(avg("amount"), 2).as("avg_amount"),
                max("amount").as("max_amount"));
    }

    /** Per category and location, 5-minute tumbling windows, late data accepted for 10 minutes. */
    public static Dataset<Row> perCategoryAndLocation(Dataset<Row> transactions) {
        return windowed(
                transactions.withWatermark("timestamp", CATEGORY_WATERMARK),
                window(col("timestamp"), "5 minutes"),
                new Column[] {col("category"), col("location")},
                count("*").as("transaction_count"),
                sum("amount").as("total_revenue"),
                round(avg("amount"), 2).as("avg_transaction"),
                // Exact distinct counts are not supported on streams; HyperLogLog++ is.
                approx_count_distinct("user_id").as("unique_users"));
    }

    /** Per user, 10-minute tumbling windows, late data accepted for 5 minutes. */
    public static Dataset<Row> userSpend(Dataset<Row> transactions) {
        return windowed(
                transactions.withWatermark("timestamp", USER_SPEND_WATERMARK),
                window(col("timestamp"), "10 minutes"),
                new Column[] {col("user_id")},
                count("*").as("transaction_count"),
                sum("amount").as("total_spent"));
    }

    private static Dataset<Row> windowed(
            Dataset<Row> transactions, Column window, Column[] keys, Column first, Column... rest) {
        Column[] grouping = new Column[keys.length + 1];
        grouping[0] = window.as("window");
        System.arraycopy(keys, 0, grouping, 1, keys.length);
        return transactions
                .groupBy(grouping)
                .agg(first, rest)
                .withColumn("window_start", col("window.start"))
                .withColumn("window_end", col("window.end"))
                .drop("window");
    }
}
