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
import org.apache.spark.sql.streaming.MapState;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StatefulProcessor;
import org.apache.spark.sql.streaming.TTLConfig;
import org.apache.spark.sql.streaming.TimeMode;
import org.apache.spark.sql.streaming.TimerValues;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The user-keyed stage: per user, interest scores of the items viewed or clicked and the items
 * bought, both in state with a TTL so that inactive users cost nothing for long. A batch's
 * activities are applied in event-time order. Each purchase becomes {@link ItemEvent}s keyed by
 * item for {@link CoPurchaseProcessor}: the purchase itself (with copies of the user's scores and
 * purchases), and, for an item the user had not bought before, one co-purchase in each direction
 * with every item they had bought, so that a pair counts once per user.
 */
final class InterestProcessor extends StatefulProcessor<String, Row, Row> {

    static final Duration INTEREST_TTL = Duration.ofDays(7);
    static final Duration PURCHASE_TTL = Duration.ofDays(30);

    private transient MapState<String, Long> interests;
    private transient MapState<String, Boolean> purchases;

    @Override
    public void init(OutputMode outputMode, TimeMode timeMode) {
        interests =
                getHandle().getMapState("interests", Encoders.STRING(), Encoders.LONG(), new TTLConfig(INTEREST_TTL));
        purchases = getHandle()
                .getMapState("purchases", Encoders.STRING(), Encoders.BOOLEAN(), new TTLConfig(PURCHASE_TTL));
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

        List<Row> events = new ArrayList<>();
        for (Row activity : activities) {
            String item = activity.getAs("item_id");
            Timestamp at = activity.getAs("timestamp");
            if ("purchase".equals(activity.<String>getAs("action"))) {
                if (!bought.contains(item)) {
                    for (String earlier : bought) {
                        events.add(ItemEvent.coPurchase(item, earlier, at));
                        events.add(ItemEvent.coPurchase(earlier, item, at));
                    }
                    bought.add(item);
                }
                purchases.updateValue(item, true);
                events.add(ItemEvent.purchase(item, at, userId, scores, bought));
            } else {
                long score = scores.merge(item, Interests.weight(activity.getAs("action")), Long::sum);
                interests.updateValue(item, score);
            }
        }
        return CollectionConverters.asScala(events.iterator());
    }
}
