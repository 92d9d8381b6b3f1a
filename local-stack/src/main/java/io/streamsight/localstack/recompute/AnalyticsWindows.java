package io.streamsight.localstack.recompute;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsight.events.EventJson;
import io.streamsight.events.Topic;
import io.streamsight.events.Transaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The windowed analytics of the contract recomputed from transactions, and the latest value of
 * each window as Spark wrote it, in one form ({@code key@window_start} -> {@code field=value ...})
 * so that the two compare as maps: what the crash tests and scenarios check Spark's output against.
 * {@code user_spend}: per user, 10-minute tumbling windows, count and total;
 * {@code transaction_analytics}: per location, 5-minute windows sliding by a minute, count, total,
 * average (to cents, half up) and maximum.
 */
public final class AnalyticsWindows {

    private static final Map<Topic, List<String>> KEY_AND_FIELDS = Map.of(
            Topic.USER_SPEND,
            List.of("user_id", "transaction_count", "total_spent"),
            Topic.TRANSACTION_ANALYTICS,
            List.of("location", "transaction_count", "total_amount", "avg_amount", "max_amount"));

    private AnalyticsWindows() {}

    /**
     * The last record of each key and window on {@code topic} (the queries write in Update mode, so
     * a window is written again each time it changes, and again when a batch is replayed).
     */
    public static Map<String, String> latest(Topic topic, Collection<? extends ConsumerRecord<?, byte[]>> records) {
        List<String> keyAndFields = shapeOf(topic);
        Map<String, String> latest = new TreeMap<>();
        records.stream()
                .sorted(Comparator.comparingInt((ConsumerRecord<?, byte[]> r) -> r.partition())
                        .thenComparingLong(ConsumerRecord::offset))
                .forEach(record -> {
                    JsonNode row = json(record.value());
                    List<String> values = new ArrayList<>();
                    for (String field : keyAndFields.subList(1, keyAndFields.size())) {
                        values.add(field + "="
                                + plain(new BigDecimal(row.path(field).asText())));
                    }
                    latest.put(
                            row.path(keyAndFields.get(0)).asText() + "@"
                                    + Instant.parse(row.path("window_start").asText()),
                            String.join(" ", values));
                });
        return latest;
    }

    /** What {@code topic} must hold for {@code transactions}, in {@link #latest}'s form. */
    public static Map<String, String> recomputed(Topic topic, Collection<Transaction> transactions) {
        return switch (topic) {
            case USER_SPEND -> userSpend(transactions);
            case TRANSACTION_ANALYTICS -> perLocation(transactions);
            default -> throw notAnalytics(topic);
        };
    }

    private static List<String> shapeOf(Topic topic) {
        List<String> shape = KEY_AND_FIELDS.get(topic);
        if (shape == null) {
            throw notAnalytics(topic);
        }
        return shape;
    }

    private static IllegalArgumentException notAnalytics(Topic topic) {
        return new IllegalArgumentException(topic.topicName() + " is not a windowed analytics topic");
    }

    private static Map<String, String> userSpend(Collection<Transaction> transactions) {
        Map<String, List<Transaction>> windows = new TreeMap<>();
        for (Transaction tx : transactions) {
            windows.computeIfAbsent(
                            tx.userId() + "@" + windowStart(tx.timestamp(), Duration.ofMinutes(10), 0),
                            k -> new ArrayList<>())
                    .add(tx);
        }
        Map<String, String> expected = new TreeMap<>();
        windows.forEach((window, txs) ->
                expected.put(window, "transaction_count=" + txs.size() + " total_spent=" + plain(total(txs))));
        return expected;
    }

    private static Map<String, String> perLocation(Collection<Transaction> transactions) {
        Map<String, List<Transaction>> windows = new TreeMap<>();
        for (Transaction tx : transactions) {
            for (int back = 0; back < 5; back++) {
                windows.computeIfAbsent(
                                tx.location() + "@" + windowStart(tx.timestamp(), Duration.ofMinutes(1), back),
                                k -> new ArrayList<>())
                        .add(tx);
            }
        }
        Map<String, String> expected = new TreeMap<>();
        windows.forEach((window, txs) -> {
            BigDecimal total = total(txs);
            // Spark's average of a decimal(…,2) has six decimals, then round(…, 2) rounds half up.
            BigDecimal average = total.divide(BigDecimal.valueOf(txs.size()), 6, RoundingMode.HALF_UP)
                    .setScale(2, RoundingMode.HALF_UP);
            BigDecimal max = txs.stream()
                    .map(Transaction::amount)
                    .max(Comparator.naturalOrder())
                    .orElseThrow();
            expected.put(
                    window,
                    "transaction_count=" + txs.size() + " total_amount=" + plain(total) + " avg_amount="
                            + plain(average) + " max_amount=" + plain(max));
        });
        return expected;
    }

    private static Instant windowStart(Instant at, Duration slide, int back) {
        long slideMillis = slide.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), slideMillis) * slideMillis - back * slideMillis);
    }

    private static BigDecimal total(List<Transaction> txs) {
        return txs.stream().map(Transaction::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static JsonNode json(byte[] value) {
        try {
            return EventJson.mapper().readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
