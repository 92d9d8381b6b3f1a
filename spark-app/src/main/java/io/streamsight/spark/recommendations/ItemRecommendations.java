package io.streamsight.spark.recommendations;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.TimeMode;

/**
 * Recommendations over user activity columns ({@link UserActivityParser}): one row per purchase
 * with the buyer's top items not bought ({@link CoPurchaseProcessor#OUTPUT_SCHEMA}). Two chained
 * {@code transformWithState} stages in one query, because a user's state cannot see other users'
 * purchases: keyed by user ({@link InterestProcessor}), then by item ({@link CoPurchaseProcessor}).
 * Needs the RocksDB state store provider, as every {@code transformWithState} does.
 */
public final class ItemRecommendations {

    private ItemRecommendations() {}

    public static Dataset<Row> onPurchase(Dataset<Row> activities) {
        return activities
                .select("user_id", "action", "item_id", "timestamp")
                .groupByKey((MapFunction<Row, String>) row -> row.getAs("user_id"), Encoders.STRING())
                .transformWithState(
                        new InterestProcessor(),
                        TimeMode.ProcessingTime(),
                        OutputMode.Update(),
                        Encoders.row(ItemEvent.SCHEMA))
                .groupByKey((MapFunction<Row, String>) ItemEvent::itemId, Encoders.STRING())
                .transformWithState(
                        new CoPurchaseProcessor(),
                        TimeMode.ProcessingTime(),
                        OutputMode.Update(),
                        Encoders.row(CoPurchaseProcessor.OUTPUT_SCHEMA));
    }
}
