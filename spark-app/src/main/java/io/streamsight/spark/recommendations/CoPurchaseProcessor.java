package io.streamsight.spark.recommendations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.streaming.MapState;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StatefulProcessor;
import org.apache.spark.sql.streaming.TTLConfig;
import org.apache.spark.sql.streaming.TimeMode;
import org.apache.spark.sql.streaming.TimerValues;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The item-keyed stage: per item, how many users bought it together with each other item, in
 * state with a TTL. Answers each purchase of the item with the buyer's top items
 * ({@link Interests#top} over {@link Interests#scores}). A batch's {@link ItemEvent}s are applied in
 * event-time order, co-purchases before purchases of the same instant.
 */
final class CoPurchaseProcessor extends StatefulProcessor<String, Row, Row> {

    static final StructType OUTPUT_SCHEMA = new StructType()
            .add("user_id", DataTypes.StringType)
            .add("purchased_item_id", DataTypes.StringType)
            .add("items", DataTypes.createArrayType(DataTypes.StringType, false))
            .add("timestamp", DataTypes.TimestampType);

    static final Duration CO_PURCHASE_TTL = Duration.ofDays(30);

    private static final Comparator<Row> EVENT_TIME_ORDER =
            Comparator.comparing(ItemEvent::timestamp).thenComparing(event -> !ItemEvent.isCoPurchase(event));

    private transient MapState<String, Long> coPurchases;

    @Override
    public void init(OutputMode outputMode, TimeMode timeMode) {
        coPurchases = getHandle()
                .getMapState("co_purchases", Encoders.STRING(), Encoders.LONG(), new TTLConfig(CO_PURCHASE_TTL));
    }

    @Override
    public Iterator<Row> handleInputRows(String item, Iterator<Row> rows, TimerValues timerValues) {
        List<Row> events = new ArrayList<>();
        CollectionConverters.asJava(rows).forEachRemaining(events::add);
        events.sort(EVENT_TIME_ORDER);
        Map<String, Long> counts = new HashMap<>();
        CollectionConverters.asJava(coPurchases.iterator()).forEachRemaining(e -> counts.put(e._1(), e._2()));

        List<Row> recommendations = new ArrayList<>();
        for (Row event : events) {
            if (ItemEvent.isCoPurchase(event)) {
                String other = ItemEvent.coPurchasedItemId(event);
                coPurchases.updateValue(other, counts.merge(other, 1L, Long::sum));
            } else {
                List<String> top = Interests.top(
                        Interests.scores(ItemEvent.interests(event), counts),
                        new HashSet<>(ItemEvent.purchased(event)));
                recommendations.add(RowFactory.create(
                        ItemEvent.userId(event), item, top.toArray(String[]::new), ItemEvent.timestamp(event)));
            }
        }
        return CollectionConverters.asScala(recommendations.iterator());
    }
}
