package io.streamsight.localstack.recompute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsight.events.Topic;
import io.streamsight.events.Transaction;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class AnalyticsWindowsTest {

    private static final Instant T = Instant.parse("2026-12-04T10:02:30Z");

    @Test
    void userSpendIsATenMinuteTumblingWindowPerUser() {
        List<Transaction> txs = List.of(
                tx("a", "10.50", "Paris", T),
                tx("a", "4.50", "Paris", T.plusSeconds(420)),
                tx("a", "1", "Paris", T.plusSeconds(480)),
                tx("b", "7", "Paris", T));

        assertThat(AnalyticsWindows.recomputed(Topic.USER_SPEND, txs))
                .containsExactly(
                        entry("a@2026-12-04T10:00:00Z", "transaction_count=2 total_spent=15"),
                        entry("a@2026-12-04T10:10:00Z", "transaction_count=1 total_spent=1"),
                        entry("b@2026-12-04T10:00:00Z", "transaction_count=1 total_spent=7"));
    }

    @Test
    void aTransactionCountsInFiveSlidingLocationWindowsWithAnAverageRoundedHalfUp() {
        List<Transaction> txs = List.of(
                tx("a", "1.00", "Oslo", T), tx("b", "0.01", "Oslo", T), tx("c", "0.01", "Oslo", T.plusSeconds(60)));

        var windows = AnalyticsWindows.recomputed(Topic.TRANSACTION_ANALYTICS, txs);

        assertThat(windows).hasSize(6);
        assertThat(windows)
                .containsEntry(
                        "Oslo@2026-12-04T09:58:00Z",
                        "transaction_count=2 total_amount=1.01 avg_amount=0.51 max_amount=1")
                .containsEntry(
                        "Oslo@2026-12-04T10:02:00Z",
                        "transaction_count=3 total_amount=1.02 avg_amount=0.34 max_amount=1")
                .containsEntry(
                        "Oslo@2026-12-04T10:03:00Z",
                        "transaction_count=1 total_amount=0.01 avg_amount=0.01 max_amount=0.01");
    }

    @Test
    void theLatestRecordOfAWindowWinsByOffsetWithinItsPartition() {
        List<ConsumerRecord<String, byte[]>> records =
                List.of(spend(0, 7, "a", 3, "30.00"), spend(0, 5, "a", 2, "20.00"), spend(1, 1, "b", 1, "5"));

        assertThat(AnalyticsWindows.latest(Topic.USER_SPEND, records))
                .containsExactly(
                        entry("a@2026-12-04T10:00:00Z", "transaction_count=3 total_spent=30"),
                        entry("b@2026-12-04T10:00:00Z", "transaction_count=1 total_spent=5"));
    }

    @Test
    void aTopicWithoutWindowsIsRefused() {
        assertThatThrownBy(() -> AnalyticsWindows.recomputed(Topic.TRANSACTIONS, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transactions");
    }

    private static Transaction tx(String user, String amount, String location, Instant at) {
        return new Transaction(
                user + "-" + at + "-" + amount, user, new BigDecimal(amount), "EUR", "Shop", "Groceries", location, at);
    }

    private static ConsumerRecord<String, byte[]> spend(
            int partition, long offset, String user, int count, String total) {
        String json =
                "{\"user_id\":\"" + user + "\",\"window_start\":\"2026-12-04T10:00:00.000Z\",\"transaction_count\":"
                        + count + ",\"total_spent\":" + total + "}";
        return new ConsumerRecord<>("user_spend", partition, offset, user, json.getBytes(StandardCharsets.UTF_8));
    }

    private static Map.Entry<String, String> entry(String key, String value) {
        return Map.entry(key, value);
    }
}
