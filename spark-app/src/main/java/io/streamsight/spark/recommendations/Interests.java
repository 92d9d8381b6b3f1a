package io.streamsight.spark.recommendations;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How items are ranked for a buyer: their own views and clicks, and what other buyers of the
 * item just bought also bought. A co-purchase weighs more than a click, because buying is
 * stronger evidence than looking.
 */
public final class Interests {

    public static final int TOP = 5;

    /** What one other buyer who bought both items adds to an item's score. */
    public static final long CO_PURCHASE_WEIGHT = 3;

    private Interests() {}

    /** The score an action adds to its item; 0 for a purchase, which ends the interest instead. */
    public static long weight(String action) {
        return switch (action) {
            case "view" -> 1;
            case "click" -> 2;
            default -> 0;
        };
    }

    /**
     * Score of each candidate item: the user's interest score plus {@link #CO_PURCHASE_WEIGHT} times
     * the number of users who bought it together with the purchased item.
     */
    public static Map<String, Long> scores(Map<String, Long> interests, Map<String, Long> coPurchases) {
        Map<String, Long> scores = new HashMap<>(interests);
        coPurchases.forEach((item, buyers) -> scores.merge(item, CO_PURCHASE_WEIGHT * buyers, Long::sum));
        return scores;
    }

    /** The {@link #TOP} items with the highest score the user has not bought, ties by item id. */
    public static List<String> top(Map<String, Long> scores, Set<String> purchased) {
        return scores.entrySet().stream()
                .filter(e -> !purchased.contains(e.getKey()))
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP)
                .map(Map.Entry::getKey)
                .toList();
    }
}
