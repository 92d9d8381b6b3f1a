package io.streamsight.spark.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamsight.events.AlertIds;
import io.streamsight.events.EventJson;
import io.streamsight.events.FraudAlert;
import io.streamsight.events.RecordHeaders;
import io.streamsight.events.Topic;
import io.streamsight.events.Transaction;
import io.streamsight.spark.SparkTestSession;
import io.streamsight.spark.StreamSightApp;
import io.streamsight.spark.TransactionRecords;
import io.streamsight.spark.input.TransactionParser;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fraud pipeline end to end on the embedded broker, in real-time mode (the default) and in
 * micro-batch mode: alerts, dead letters, offsets committed for lag tools, and restarts from
 * the checkpoint. Tests share the broker, so each one uses its own transaction-id prefix.
 */
class FraudPipelineKafkaTest {

    private static final Duration PROCESSED = Duration.ofSeconds(90);
    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

    @RegisterExtension
    static final TransactionRecords records = TransactionRecords.onNewBroker();

    @TempDir
    Path checkpoints;

    private StreamSightSettings settings(FraudTrigger trigger) {
        return new StreamSightSettings(
                records.bootstrapServers(),
                checkpoints.toUri().toString(),
                trigger,
                "2 seconds",
                "0 seconds",
                "earliest",
                Optional.of(25L),
                FraudRules.defaults());
    }

    private static Transaction tx(String id, String amount, String category, String location) {
        return new Transaction(
                id,
                "user-" + id.hashCode() % 5,
                new BigDecimal(amount),
                "EUR",
                "Shop",
                category,
                location,
                AT.plusSeconds(Math.abs(id.hashCode() % 600)));
    }

    @Test
    void alertsAndDeadLettersAccountForEveryRecordAndOffsetsAreCommitted() throws Exception {
        List<Transaction> flagged = new ArrayList<>();
        List<Transaction> clean = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            flagged.add(tx("mix-f" + i, i % 2 == 0 ? "5000.01" : "1200.00", "Electronics", "Madrid"));
            clean.add(tx("mix-c" + i, "42.00", "Books", "Madrid"));
        }
        List<byte[]> malformed = List.of(
                "{not json".getBytes(StandardCharsets.UTF_8),
                "{\"transaction_id\":\"mix-m1\",\"user_id\":\"u\"}".getBytes(StandardCharsets.UTF_8),
                EventJson.write(tx("mix-m2", "10.00", "Books", "Madrid"))
                        .replace("10.0", "-10.0")
                        .getBytes(StandardCharsets.UTF_8),
                EventJson.write(tx("mix-m3", "10.00", "Books", "Madrid"))
                        .replace("2026-11-25T", "2026-13-25T")
                        .getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff, 0x00, 0x13});
        flagged.forEach(records::send);
        clean.forEach(records::send);
        for (int i = 0; i < malformed.size(); i++) {
            records.send(("bad-key-" + i).getBytes(StandardCharsets.UTF_8), malformed.get(i));
        }
        Map<TopicPartition, Long> produced = records.endOffsets(Topic.TRANSACTIONS.topicName());

        long inputRows;
        try (StreamSightApp app =
                StreamSightApp.start(SparkTestSession.get(), settings(FraudTrigger.REAL_TIME), Set.of("fraud"))) {
            await().atMost(PROCESSED)
                    .untilAsserted(() -> assertThat(records.committedOffsets(ConsumerGroupCommitter.groupOf("fraud")))
                            .containsAllEntriesOf(produced));
            assertThat(app.queries()).allSatisfy(q -> assertThat(q.isActive()).isTrue());
            inputRows = Arrays.stream(app.queries().get(0).recentProgress())
                    .mapToLong(StreamingQueryProgress::numInputRows)
                    .sum();
        }
        long inTopic = produced.values().stream().mapToLong(Long::longValue).sum();
        assertThat(inputRows).isEqualTo(inTopic);

        List<FraudAlert> alerts = alertsWithPrefix("mix-");
        assertThat(alerts)
                .extracting(FraudAlert::transactionId)
                .containsExactlyInAnyOrderElementsOf(
                        flagged.stream().map(Transaction::transactionId).toList());
        List<ConsumerRecord<byte[], byte[]>> deadLetters = records.readAll(Topic.TRANSACTIONS_DLQ).stream()
                .filter(r -> TransactionRecords.text(r.key()).startsWith("bad-key-"))
                .toList();
        assertThat(deadLetters).hasSize(malformed.size());
        for (ConsumerRecord<byte[], byte[]> deadLetter : deadLetters) {
            int i = Integer.parseInt(TransactionRecords.text(deadLetter.key()).substring("bad-key-".length()));
            assertThat(deadLetter.value()).isEqualTo(malformed.get(i));
            assertThat(header(deadLetter, DeadLetters.REASON)).startsWith("field '");
            assertThat(header(deadLetter, DeadLetters.SOURCE_TOPIC)).isEqualTo(Topic.TRANSACTIONS.topicName());
        }
        assertThat(header(deadLetters, "mix-m1")).isEqualTo("field 'amount': is required");
        assertThat(header(deadLetters, "mix-m2")).isEqualTo("field 'amount': must be positive, was -10.00");
        assertThat(header(deadLetters, "mix-m3")).startsWith("field 'timestamp': cannot read '2026-13-25T");
        // Every record the query read is either a valid transaction or a dead letter (this test's are the topic's only
        // bad ones).
        long valid = TransactionParser.parse(SparkTestSession.get()
                        .read()
                        .format("kafka")
                        .option("kafka.bootstrap.servers", records.bootstrapServers())
                        .option("subscribe", Topic.TRANSACTIONS.topicName())
                        .load())
                .filter(TransactionParser.valid())
                .count();
        assertThat(valid + deadLetters.size()).isEqualTo(inputRows);
        List<ConsumerRecord<byte[], byte[]>> alertRecords = records.readAll(Topic.FRAUD_ALERTS);
        assertThat(alertRecords)
                .allSatisfy(r -> assertThat(TransactionRecords.text(r.key()))
                        .isEqualTo(EventJson.read(r.value(), FraudAlert.class).userId()));
        // Each alert names the Kafka timestamp of the transaction record it came from.
        Map<String, Long> transactionTimestamps = records.readAll(Topic.TRANSACTIONS).stream()
                .filter(r -> TransactionRecords.text(r.value()).contains("\"mix-f"))
                .collect(Collectors.toMap(
                        r -> EventJson.read(r.value(), Transaction.class).transactionId(), ConsumerRecord::timestamp));
        assertThat(alertRecords.stream()
                        .filter(r -> TransactionRecords.text(r.value()).contains("\"mix-f")))
                .hasSize(flagged.size())
                .allSatisfy(r -> assertThat(header(r, RecordHeaders.SOURCE_TIMESTAMP))
                        .isEqualTo(Long.toString(transactionTimestamps.get(
                                EventJson.read(r.value(), FraudAlert.class).transactionId()))));
    }

    private static String header(List<ConsumerRecord<byte[], byte[]>> deadLetters, String transactionId) {
        return deadLetters.stream()
                .filter(r -> TransactionRecords.text(r.value()).contains("\"" + transactionId + "\""))
                .map(r -> header(r, DeadLetters.REASON))
                .findFirst()
                .orElseThrow();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void aRealTimeQueryStoppedMidStreamLosesNoAlertWhenRestartedFromItsCheckpoint() throws Exception {
        stopMidStreamAndRestart(FraudTrigger.REAL_TIME, "rt-");
    }

    @Test
    void aMicroBatchQueryStoppedMidStreamLosesNoAlertWhenRestartedFromItsCheckpoint() throws Exception {
        stopMidStreamAndRestart(FraudTrigger.MICRO_BATCH, "mb-");
    }

    private void stopMidStreamAndRestart(FraudTrigger trigger, String prefix) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            ids.add(prefix + i);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread producer = new Thread(
                () -> {
                    for (int i = 0; i < ids.size(); i++) {
                        if (i == ids.size() / 2) {
                            await().atMost(PROCESSED).until(() -> stopped.await(1, TimeUnit.SECONDS));
                        }
                        records.send(tx(ids.get(i), "3000.01", "Books", "Madrid"));
                        sleep(5);
                    }
                },
                "transactions-producer");
        try (StreamSightApp app = StreamSightApp.start(SparkTestSession.get(), settings(trigger), Set.of("fraud"))) {
            producer.start();
            await().atMost(PROCESSED).until(() -> alertsWithPrefix(prefix).size() >= 20);
        }
        // Half of the transactions arrive only after the stop: the restarted query must pick them up too.
        stopped.countDown();
        producer.join();

        try (StreamSightApp app = StreamSightApp.start(SparkTestSession.get(), settings(trigger), Set.of("fraud"))) {
            await().atMost(PROCESSED)
                    .untilAsserted(() -> assertThat(alertsWithPrefix(prefix).stream()
                                    .map(FraudAlert::transactionId)
                                    .collect(Collectors.toSet()))
                            .containsExactlyInAnyOrderElementsOf(ids));
        }

        List<FraudAlert> alerts = alertsWithPrefix(prefix);
        Map<String, List<FraudAlert>> byId = alerts.stream().collect(Collectors.groupingBy(FraudAlert::alertId));
        assertThat(byId).hasSize(ids.size());
        byId.forEach((alertId, copies) -> {
            FraudAlert first = copies.get(0);
            assertThat(alertId).isEqualTo(AlertIds.of(AlertIds.FRAUD, first.transactionId()));
            assertThat(copies)
                    .allSatisfy(copy -> assertThat(copy)
                            .usingRecursiveComparison()
                            .ignoringFields("detectedAt")
                            .isEqualTo(first));
        });
    }

    private static List<FraudAlert> alertsWithPrefix(String prefix) {
        return TransactionRecords.values(records.readAll(Topic.FRAUD_ALERTS)).stream()
                .map(json -> EventJson.read(json, FraudAlert.class))
                .filter(a -> a.transactionId().startsWith(prefix))
                .toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
