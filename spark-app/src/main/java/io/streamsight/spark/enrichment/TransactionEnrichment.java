package io.streamsight.spark.enrichment;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.streamsight.spark.input.TransactionParser;
import io.streamsight.spark.input.UserUpdateParser;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Transactions joined with the user's profile updates, a stream-stream inner join: a
 * transaction is enriched by every update of the same user made at most one hour before it
 * (update_time &lt;= timestamp &lt;= update_time + 1 hour). The watermarks (transactions 10
 * minutes, updates 5 minutes) and the time bound let Spark drop join state that can no longer
 * match. Output: the transaction's columns, then {@code home_location, tier, update_time}.
 */
public final class TransactionEnrichment {

    public static final String TRANSACTION_WATERMARK = "10 minutes";
    public static final String UPDATE_WATERMARK = "5 minutes";

    private TransactionEnrichment() {}

    /** {@code transactions}: TransactionParser's columns; {@code updates}: UserUpdateParser's. */
    public static Dataset<Row> enriched(Dataset<Row> transactions, Dataset<Row> updates) {
        Dataset<Row> tx = transactions
                .select(columns(TransactionParser.TRANSACTION_SCHEMA.fieldNames()))
                .withWatermark("timestamp", TRANSACTION_WATERMARK)
                .alias("tx");
        Dataset<Row> up = updates.select(columns(UserUpdateParser.UPDATE_SCHEMA.fieldNames()))
                .withWatermark("update_time", UPDATE_WATERMARK)
                .alias("up");
        Column sameUser = col("tx.user_id").equalTo(col("up.user_id"));
        Column withinAnHourAfterTheUpdate = col("tx.timestamp")
                .geq(col("up.update_time"))
                .and(col("tx.timestamp").leq(col("up.update_time").plus(expr("INTERVAL 1 HOUR"))));
        List<Column> output = new ArrayList<>();
        for (String field : TransactionParser.TRANSACTION_SCHEMA.fieldNames()) {
            output.add(col("tx." + field));
        }
        output.add(col("up.home_location"));
        output.add(col("up.tier"));
        output.add(col("up.update_time"));
        return tx.join(up, sameUser.and(withinAnHourAfterTheUpdate), "inner").select(output.toArray(Column[]::new));
    }

    private static Column[] columns(String[] names) {
        Column[] columns = new Column[names.length];
        for (int i = 0; i < names.length; i++) {
            columns[i] = col(names[i]);
        }
        return columns;
    }
}
