package io.streamsight.spark.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamsight.events.EventJson;
import io.streamsight.events.Topic;
import io.streamsight.events.Transaction;
import io.streamsight.spark.SparkTestSession;
import io.streamsight.spark.StreamSightApp;
import io.streamsight.spark.TransactionRecords;
import io.streamsight.spark.kafka.DeadLetters;
import io.streamsight.spark.observability.ConsumerGroupCommitter;
import io.streamsight.spark.pipeline.FraudRules;
import io.streamsight.spark.pipeline.StreamSightSettings;
import io.streamsight.spark.pipeline.StreamSightSettings.FraudTrigger;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile records on {@code transactions}, each a fraudulent-looking transaction damaged one way:
 * cut at every length, nested past any sane depth, every field given the wrong JSON type,
 * non-numbers and numbers too long to read, invalid UTF-8, raw control characters, null keys,
 * a value of almost a MiB. Every one must land in {@code transactions_dlq} with its reason, none
 * may raise an alert, and the real-time query must keep running.
 */
class HostileTransactionsKafkaTest {

    private static final Duration PROCESSED = Duration.ofSeconds(120);
    private static final String VALID = new String(
            EventJson.writeBytes(new Transaction(
                    "hostile-1",
                    "user-1",
                    new BigDecimal("12000.00"),
                    "EUR",
                    "Acme",
                    "Electronics",
                    "Madrid",
                    Instant.parse("2026-11-25T10:00:00Z"))),
            StandardCharsets.UTF_8);

    @RegisterExtension
    static final TransactionRecords records = TransactionRecords.onNewBroker();

    @TempDir
    Path checkpoints;

    @Test
    void everyHostileRecordIsADeadLetterWithItsReasonAndNoneRaisesAnAlert() throws Exception {
        List<byte[]> hostile = corpus();
        for (int i = 0; i < hostile.size(); i++) {
            // every fourth without a key, as a careless producer sends them
            records.send(i % 4 == 0 ? null : ("hostile-key-" + i).getBytes(StandardCharsets.UTF_8), hostile.get(i));
        }
        Map<TopicPartition, Long> produced = records.endOffsets(Topic.TRANSACTIONS.topicName());
        StreamSightSettings settings = new StreamSightSettings(
                records.bootstrapServers(),
                checkpoints.toUri().toString(),
                FraudTrigger.REAL_TIME,
                "2 seconds",
                "0 seconds",
                "earliest",
                Optional.of(25L),
                FraudRules.defaults());

        try (StreamSightApp app = StreamSightApp.start(SparkTestSession.get(), settings, Set.of("fraud"))) {
            await().atMost(PROCESSED)
                    .untilAsserted(() -> assertThat(records.committedOffsets(ConsumerGroupCommitter.groupOf("fraud")))
                            .containsAllEntriesOf(produced));
            await().atMost(PROCESSED)
                    .untilAsserted(() -> assertThat(notDeadLettered(hostile))
                            .as("hostile records not dead-lettered")
                            .isEmpty());
            assertThat(app.queries())
                    .allSatisfy(q -> assertThat(q.isActive())
                            .as(q.name() + " still running")
                            .isTrue());
            long inputRows = Arrays.stream(app.queries().get(0).recentProgress())
                    .mapToLong(StreamingQueryProgress::numInputRows)
                    .sum();
            assertThat(inputRows).isEqualTo(hostile.size());
        }

        List<ConsumerRecord<byte[], byte[]>> deadLetters = records.readAll(Topic.TRANSACTIONS_DLQ);
        assertThat(deadLetters).hasSize(hostile.size());
        assertThat(deadLetters)
                .allSatisfy(r ->
                        assertThat(header(r, DeadLetters.REASON)).as("reason").isNotBlank());
        assertThat(deadLetters.stream()
                        .map(ConsumerRecord::value)
                        .map(Arrays::hashCode)
                        .sorted()
                        .toList())
                .as("the raw bytes kept")
                .isEqualTo(hostile.stream().map(Arrays::hashCode).sorted().toList());
        assertThat(records.readAll(Topic.FRAUD_ALERTS))
                .as("alerts from hostile records")
                .isEmpty();
    }

    private static List<byte[]> corpus() {
        List<String> texts = new ArrayList<>();
        for (int cut = 1; cut < VALID.length(); cut += 3) {
            texts.add(VALID.substring(0, cut));
        }
        texts.add("[".repeat(5_000) + "]".repeat(5_000));
        texts.add(VALID.replace(
                "\"location\":\"Madrid\"", "\"location\":" + "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000)));
        for (String field : List.of(
                "transaction_id", "user_id", "amount", "currency", "merchant", "category", "location", "timestamp")) {
            // a number is the right type for amount: only the other types are wrong there
            for (String wrong : field.equals("amount")
                    ? List.of("true", "{}", "[]", "null", "\"\"", "\"12000.00\"")
                    : List.of("42", "4.2", "true", "{}", "[]", "null", "\"\"")) {
                texts.add(VALID.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[0-9.]+)", "\"" + field + "\":" + wrong));
            }
        }
        texts.removeIf(VALID::equals);
        for (String number :
                List.of("NaN", "Infinity", "-Infinity", "1e400", "9".repeat(5_000), "0x1F", "+5", "1_000")) {
            texts.add(VALID.replace("12000.00", number));
        }
        texts.add(VALID.replace("Acme", "Ac\u0001me"));
        texts.add(VALID.replace("Acme", "Ac\nme"));
        texts.add("{" + "\"pad\":\"" + "x".repeat(999_000) + "\","
                + VALID.substring(1).replace("12000.00", "-1"));
        texts.add("");
        texts.add("null");
        texts.add("12000.00");
        texts.add("\"" + VALID.replace("\"", "\\\"") + "\"");
        List<byte[]> corpus = new ArrayList<>(
                texts.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList());
        byte[] invalidUtf8 = VALID.getBytes(StandardCharsets.UTF_8);
        int at = VALID.indexOf("Acme");
        invalidUtf8[at] = (byte) 0xC3;
        invalidUtf8[at + 1] = (byte) 0x28;
        corpus.add(invalidUtf8);
        corpus.add(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, 0x7B});
        return corpus;
    }

    /** The start of each hostile record not (yet) in the dead-letter topic. */
    private static List<String> notDeadLettered(List<byte[]> hostile) {
        List<Integer> deadLettered = new ArrayList<>(records.readAll(Topic.TRANSACTIONS_DLQ).stream()
                .map(r -> Arrays.hashCode(r.value()))
                .toList());
        List<String> missing = new ArrayList<>();
        for (byte[] value : hostile) {
            if (!deadLettered.remove((Integer) Arrays.hashCode(value))) {
                String text = new String(value, StandardCharsets.UTF_8);
                missing.add(text.substring(0, Math.min(120, text.length())));
            }
        }
        return missing;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
