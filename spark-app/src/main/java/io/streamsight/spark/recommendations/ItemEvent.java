package io.streamsight.spark.recommendations;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What the user-keyed stage ({@link InterestProcessor}) tells the item-keyed stage
 * ({@link CoPurchaseProcessor}) about one item: either that a user bought it together with
 * another item (a co-purchase), or that a user bought it now and wants recommendations (a
 * purchase, carrying that user's interest scores and purchases).
 *
 * <p>Fields are read by position: Spark hands the second stage the very {@code Row} objects the
 * first one created when it elides their serialisation, and those rows carry no schema.
 */
final class ItemEvent {

    static final StructType SCHEMA = new StructType()
            .add("item_id", DataTypes.StringType, false)
            .add("timestamp", DataTypes.TimestampType, false)
            .add("co_purchased_item_id", DataTypes.StringType)
            .add("user_id", DataTypes.StringType)
            .add("interests", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, false))
            .add("purchased", DataTypes.createArrayType(DataTypes.StringType, false));

    private static final int ITEM_ID = 0;
    private static final int TIMESTAMP = 1;
    private static final int CO_PURCHASED_ITEM_ID = 2;
    private static final int USER_ID = 3;
    private static final int INTERESTS = 4;
    private static final int PURCHASED = 5;

    private ItemEvent() {}

    /** Some user bought {@code item} and {@code otherItem}; the later of the two purchases was at {@code at}. */
    static Row coPurchase(String item, String otherItem, Timestamp at) {
        return RowFactory.create(item, at, otherItem, null, null, null);
    }

    /** {@code userId} bought {@code item} at {@code at}; copies of their interest scores and purchases. */
    static Row purchase(
            String item, Timestamp at, String userId, Map<String, Long> interests, Collection<String> purchased) {
        return RowFactory.create(
                item,
                at,
                null,
                userId,
                CollectionConverters.asScala(Map.copyOf(interests)),
                CollectionConverters.asScala(List.copyOf(purchased)).toSeq());
    }

    static String itemId(Row event) {
        return event.getString(ITEM_ID);
    }

    static Timestamp timestamp(Row event) {
        return event.getTimestamp(TIMESTAMP);
    }

    static boolean isCoPurchase(Row event) {
        return !event.isNullAt(CO_PURCHASED_ITEM_ID);
    }

    static String coPurchasedItemId(Row event) {
        return event.getString(CO_PURCHASED_ITEM_ID);
    }

    static String userId(Row event) {
        return event.getString(USER_ID);
    }

    static Map<String, Long> interests(Row event) {
        return event.getJavaMap(INTERESTS);
    }

    static List<String> purchased(Row event) {
        return event.getList(PURCHASED);
    }
}
