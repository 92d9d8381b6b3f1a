package io.streamsight.spark.recommendations;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Per user: interest scores of the items viewed or clicked and the items bought, both in
 * state with a TTL so that inactive users cost nothing for long. Each purchase emits the user's
 * top items not bought yet ({@link Interests#top}). A batch's activities are applied in event-time order.
 */
public final class InterestProcessor extends StatefulProcessor<String, Row, Row> {

    public static final StructType OUTPUT_SCHEMA = new StructType()
            .add("user_id", DataTypes.StringType)
            .add("purchased_item_id", DataTypes.StringType)
            .add("items", DataTypes.createArrayType(DataTypes.StringType, false))
            .add("timestamp", DataTypes.TimestampType);

    static final Duration INTEREST_TTL = Duration.ofDays(7);
    static final Duration PURCHASE_TTL = Duration.ofDays(30);

    private transient MapState<String, Long> interests;
    private transient MapState<String, Boolean> purchases;

    @Override
    public void init(OutputMode outputMode, TimeMode timeMode) {
        interests = getHandle().getMapState("interests", Encoders.STRING(), Encoders.LONG(), new TTLConfig(INTEREST_TTL));
        purchases = getHandle().getMapState("purchases", Encoders.STRING(), Encoders.BOOLEAN(), new TTLConfig(PURCHASE_TTL));
    }

    @Override
    public Iterator<Row> handleInputRows(String userId, Iterator<Row> rows, TimerValues timerValues) {
        List<Row> activities = new ArrayList<>();
        CollectionConverters.asJava(rows).forEachRemaining(activities::add);
        activities.sort(Comparator.comparing(row -> row.<Timestamp>getAs("timestamp")));
        Map<String, Long> scores = new HashMap<>();
        CollectionConverters.asJava(interests.iterator()).forEachRemaining(e -> scores.put(e._1(), e._2()));
        Set<String> bought = new HashSet<>();
        CollectionConverters.asJava(purchases.keys()).forEachRemaining(bought::add);

        List<Row> recommendations = new ArrayList<>();
        for (Row activity : activities) {
            String item = activity.getAs("item_id");
            if ("purchase".equals(activity.<String>getAs("action"))) {
                bought.add(item);
                purchases.updateValue(item, true);
                recommendations.add(RowFactory.create(userId, item, Interests.top(scores, bought).toArray(String[]::new),
                        activity.getAs("timestamp")));
            } else {
                long score = scores.merge(item, Interests.weight(activity.getAs("action")), Long::sum);
                interests.updateValue(item, score);
            }
        }
        return CollectionConverters.asScala(recommendations.iterator());
    }
}
