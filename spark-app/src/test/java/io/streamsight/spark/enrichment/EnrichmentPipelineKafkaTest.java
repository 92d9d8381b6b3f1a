package io.streamsight.spark.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsight.events.EventJson;
import io.streamsight.events.Topic;
import io.streamsight.events.Transaction;
import io.streamsight.events.UserUpdate;
import io.streamsight.spark.SparkTestSession;
import io.streamsight.spark.StreamSightApp;
import io.streamsight.spark.TransactionRecords;
import io.streamsight.spark.kafka.DeadLetters;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream-stream join on the embedded broker: a transaction is enriched exactly by the
 * updates of its user made at most one hour before it; malformed updates are dead-lettered.
 */
class EnrichmentPipelineKafkaTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private static final TransactionRecords records = TransactionRecords.shared();

    @TempDir
    Path checkpoints;

    private static Transaction tx(String id, String user, Duration afterT0) {
        return new Transaction(id, user, new BigDecimal("12.50"), "EUR", "Shop", "Books", "Paris", T0.plus(afterT0));
    }

    @Test
    void transactionsAreEnrichedOnlyByTheirUsersUpdatesOfTheHourBefore() throws Exception {
        records.send(Topic.USER_UPDATES, "enr-u1", new UserUpdate("enr-u1", "Madrid", "gold", T0));
        records.send(
                Topic.USER_UPDATES,
                "enr-u3",
                new UserUpdate("enr-u3", "Oslo", "silver", T0.plus(Duration.ofMinutes(30))));
        String malformedUpdate =
                "{\"user_id\":\"enr-u4\",\"home_location\":\"Rome\",\"update_time\":\"2026-11-25T10:00:00Z\"}";
        records.send(
                Topic.USER_UPDATES,
                "enr-u4".getBytes(StandardCharsets.UTF_8),
                malformedUpdate.getBytes(StandardCharsets.UTF_8));
        List<Transaction> transactions = List.of(
                tx("enr-before", "enr-u1", Duration.ofSeconds(-1)),
                tx("enr-at-update", "enr-u1", Duration.ZERO),
                tx("enr-inside", "enr-u1", Duration.ofMinutes(30)),
                tx("enr-hour-after", "enr-u1", Duration.ofHours(1)),
                tx("enr-too-late", "enr-u1", Duration.ofHours(1).plusSeconds(1)),
                tx("enr-other-user", "enr-u2", Duration.ofMinutes(30)),
                tx("enr-u3-before-update", "enr-u3", Duration.ofMinutes(29)),
                tx("enr-u3-inside", "enr-u3", Duration.ofMinutes(31)));
        transactions.forEach(tx -> records.send(Topic.TRANSACTIONS, tx.userId(), tx));

        try (StreamSightApp app = StreamSightApp.start(
                SparkTestSession.get(), records.microBatchSettings(checkpoints), Set.of(EnrichmentPipeline.NAME))) {
            records.awaitProcessed(EnrichmentPipeline.NAME, Topic.TRANSACTIONS);
            records.awaitProcessed(EnrichmentPipeline.NAME, Topic.USER_UPDATES);
        }

        List<String> enriched = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records.readAll(Topic.ENRICHED_TRANSACTIONS)) {
            JsonNode json = TransactionRecords.json(record.value());
            if (!json.get("transaction_id").asText().startsWith("enr-")) {
                continue;
            }
            assertThat(TransactionRecords.text(record.key()))
                    .isEqualTo(json.get("user_id").asText());
            Transaction tx = EventJson.read(record.value(), Transaction.class);
            assertThat(tx).isIn(transactions);
            enriched.add(tx.transactionId() + " " + json.get("home_location").asText() + " "
                    + json.get("tier").asText() + " " + json.get("update_time").asText());
        }
        assertThat(enriched)
                .containsExactlyInAnyOrder(
                        "enr-at-update Madrid gold 2026-11-25T10:00:00.000Z",
                        "enr-inside Madrid gold 2026-11-25T10:00:00.000Z",
                        "enr-hour-after Madrid gold 2026-11-25T10:00:00.000Z",
                        "enr-u3-inside Oslo silver 2026-11-25T10:30:00.000Z");

        List<ConsumerRecord<byte[], byte[]>> deadLetters = records.readAll(Topic.USER_UPDATES_DLQ);
        assertThat(deadLetters)
                .extracting(r -> TransactionRecords.text(r.value()))
                .containsExactly(malformedUpdate);
        assertThat(deadLetters)
                .extracting(r -> TransactionRecords.text(
                        r.headers().lastHeader(DeadLetters.REASON).value()))
                .containsExactly("field 'tier': is required");
    }
}
