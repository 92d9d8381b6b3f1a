package io.streamsight.spark.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsight.events.EventJson;
import io.streamsight.events.Topic;
import io.streamsight.events.Transaction;
import io.streamsight.spark.SparkTestSession;
import io.streamsight.spark.StreamSightApp;
import io.streamsight.spark.TransactionRecords;
import io.streamsight.spark.observability.ConsumerGroupCommitter;
import io.streamsight.spark.pipeline.FraudRules;
import io.streamsight.spark.pipeline.StreamSightSettings;
import io.streamsight.spark.pipeline.StreamSightSettings.FraudTrigger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three windowed outputs on Kafka equal a plain-Java recomputation over the same events,
 * where one late event is still inside every watermark and one is beyond all of them.
 */
class AnalyticsPipelineKafkaTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @RegisterExtension
    static final TransactionRecords records = TransactionRecords.onNewBroker();

    @TempDir
    Path checkpoints;

    private static Transaction tx(int i, Instant at) {
        String[] locations = {"Madrid", "Paris", "Berlin"};
        String[] categories = {"Books", "Electronics"};
        BigDecimal amount = BigDecimal.valueOf(1000 + (i * 3719L) % 90000, 2);
        return new Transaction(
                "a-" + i, "user-" + (i % 4), amount, "EUR", "Shop", categories[i % 2], locations[i % 3], at);
    }

    @Test
    void windowsEqualARecomputationWithLateEventsInsideAndBeyondTheWatermark() throws Exception {
        List<Transaction> accepted = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            accepted.add(tx(i, T0.plusSeconds(29L * i)));
        }
        accepted.forEach(records::send);
        records.send("bad".getBytes(StandardCharsets.UTF_8), "{\"amount\":".getBytes(StandardCharsets.UTF_8));

        StreamSightSettings settings = new StreamSightSettings(
                records.bootstrapServers(),
                checkpoints.toUri().toString(),
                FraudTrigger.MICRO_BATCH,
                "2 seconds",
                "0 seconds",
                "earliest",
                Optional.empty(),
                FraudRules.defaults());
        try (StreamSightApp app = StreamSightApp.start(SparkTestSession.get(), settings, Set.of("analytics"))) {
            processAll(app);

            // Moves every watermark: 10:30 for the 10-minute ones, 10:35 for user_spend.
            Transaction latest = tx(40, T0.plus(Duration.ofMinutes(40)));
            records.send(latest);
            accepted.add(latest);
            processAll(app);

            Transaction lateInside = tx(41, T0.plus(Duration.ofMinutes(37)));
            Transaction lateBeyond = tx(42, T0.plus(Duration.ofMinutes(10)));
            records.send(lateInside);
            records.send(lateBeyond);
            accepted.add(lateInside);
            processAll(app);

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(app.queries())
                            .allSatisfy(q -> assertThat(app.lateRowsDropped(q.name()))
                                    .as(q.name())
                                    .isPositive()));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> assertThat(records.committedOffsets(ConsumerGroupCommitter.groupOf("analytics")))
                                    .containsAllEntriesOf(records.endOffsets(Topic.TRANSACTIONS.topicName())));
        }

        assertThat(latestPerWindow(
                        Topic.TRANSACTION_ANALYTICS,
                        json -> json.get("location").asText(),
                        json -> line(json, "transaction_count", "total_amount", "avg_amount", "max_amount")))
                .isEqualTo(expectedPerLocation(accepted));
        assertThat(latestPerWindow(
                        Topic.CATEGORY_ANALYTICS,
                        json -> json.get("category").asText() + "/"
                                + json.get("location").asText(),
                        json -> line(json, "transaction_count", "total_revenue", "avg_transaction", "unique_users")))
                .isEqualTo(expectedPerCategory(accepted));
        assertThat(latestPerWindow(
                        Topic.USER_SPEND,
                        json -> json.get("user_id").asText(),
                        json -> line(json, "transaction_count", "total_spent")))
                .isEqualTo(expectedUserSpend(accepted));
    }

    private static void processAll(StreamSightApp app) {
        app.queries().forEach(StreamingQuery::processAllAvailable);
    }

    /** The last record of each key and window (update mode re-emits a window as it changes). */
    private static Map<String, String> latestPerWindow(
            Topic topic, Function<JsonNode, String> key, Function<JsonNode, String> values) {
        Map<String, String> latest = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records.readAll(topic)) {
            JsonNode json = json(record.value());
            Instant start = Instant.parse(json.get("window_start").asText());
            Instant end = Instant.parse(json.get("window_end").asText());
            latest.put(key.apply(json) + "@" + start + ".." + end, values.apply(json));
        }
        return latest;
    }

    private static JsonNode json(byte[] value) {
        try {
            return EventJson.mapper().readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String line(JsonNode json, String... fields) {
        List<String> values = new ArrayList<>();
        for (String field : fields) {
            values.add(json.get(field).decimalValue().stripTrailingZeros().toPlainString());
        }
        return String.join(" ", values);
    }

    private static Map<String, String> expectedPerLocation(List<Transaction> events) {
        Map<String, Window> windows = new HashMap<>();
        for (Transaction tx : events) {
            Instant latestStart = floor(tx.timestamp(), MINUTE);
            for (int k = 0; k < 5; k++) {
                Instant start = latestStart.minus(MINUTE.multipliedBy(k));
                windows.computeIfAbsent(
                                tx.location() + "@" + start + ".." + start.plus(Duration.ofMinutes(5)),
                                w -> new Window())
                        .add(tx);
            }
        }
        return lines(windows, w -> w.count + " " + plain(w.total) + " " + plain(w.average()) + " " + plain(w.max));
    }

    private static Map<String, String> expectedPerCategory(List<Transaction> events) {
        Map<String, Window> windows = new HashMap<>();
        for (Transaction tx : events) {
            Instant start = floor(tx.timestamp(), Duration.ofMinutes(5));
            windows.computeIfAbsent(
                            tx.category() + "/" + tx.location() + "@" + start + ".."
                                    + start.plus(Duration.ofMinutes(5)),
                            w -> new Window())
                    .add(tx);
        }
        return lines(windows, w -> w.count + " " + plain(w.total) + " " + plain(w.average()) + " " + w.users.size());
    }

    private static Map<String, String> expectedUserSpend(List<Transaction> events) {
        Map<String, Window> windows = new HashMap<>();
        for (Transaction tx : events) {
            Instant start = floor(tx.timestamp(), Duration.ofMinutes(10));
            windows.computeIfAbsent(
                            tx.userId() + "@" + start + ".." + start.plus(Duration.ofMinutes(10)), w -> new Window())
                    .add(tx);
        }
        return lines(windows, w -> w.count + " " + plain(w.total));
    }

    private static Map<String, String> lines(Map<String, Window> windows, Function<Window, String> line) {
        Map<String, String> lines = new TreeMap<>();
        windows.forEach((key, window) -> lines.put(key, line.apply(window)));
        return lines;
    }

    private static Instant floor(Instant t, Duration size) {
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), size.toMillis()) * size.toMillis());
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static final class Window {
        long count;
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal max;
        final Set<String> users = new HashSet<>();

        void add(Transaction tx) {
            count++;
            total = total.add(tx.amount());
            max = max == null || tx.amount().compareTo(max) > 0 ? tx.amount() : max;
            users.add(tx.userId());
        }

        /** Spark's decimal average (6 decimals, HALF_UP), then rounded to cents like the pipeline. */
        BigDecimal average() {
            return total.divide(BigDecimal.valueOf(count), 6, RoundingMode.HALF_UP)
                    .setScale(2, RoundingMode.HALF_UP);
        }
    }
}
