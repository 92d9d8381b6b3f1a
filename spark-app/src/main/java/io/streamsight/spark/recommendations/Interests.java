package io.streamsight.spark.recommendations;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** How a user's activity ranks items: views and clicks raise an item's interest score. */
public final class Interests {

    public static final int TOP = 5;

    private Interests() {
    }

    /** The score an action adds to its item; 0 for a purchase, which ends the interest instead. */
    public static long weight(String action) {
        return switch (action) {
            case "view" -> 1;
            case "click" -> 2;
            default -> 0;
        };
    }

    /** The {@link #TOP} items with the highest score the user has not bought, ties by item id. */
    public static List<String> top(Map<String, Long> scores, Set<String> purchased) {
        return scores.entrySet().stream()
                .filter(e -> !purchased.contains(e.getKey()))
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP)
                .map(Map.Entry::getKey)
                .toList();
    }
}
