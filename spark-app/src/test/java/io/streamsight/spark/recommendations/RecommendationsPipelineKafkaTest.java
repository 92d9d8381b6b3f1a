package io.streamsight.spark.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsight.events.Topic;
import io.streamsight.events.UserActivity;
import io.streamsight.events.UserActivity.Action;
import io.streamsight.spark.SparkTestSession;
import io.streamsight.spark.StreamSightApp;
import io.streamsight.spark.TransactionRecords;
import io.streamsight.spark.kafka.DeadLetters;
import io.streamsight.spark.pipeline.StreamSightSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recommendations pipeline on the embedded broker: a crafted history gives exactly the
 * expected top items on each purchase, also when the history was built in an earlier batch
 * (state), other buyers' purchases of the same item lift the items they bought with it
 * (co-purchases, across users), and malformed activity is dead-lettered.
 */
class RecommendationsPipelineKafkaTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private static final TransactionRecords records = TransactionRecords.shared();

    @TempDir
    Path checkpoints;

    private int seconds;

    private void send(String user, Action action, String item) {
        records.send(Topic.USER_ACTIVITY, user, new UserActivity(user, action, item, T0.plusSeconds(seconds++)));
    }

    @Test
    void eachPurchaseGivesTheTopItemsOfInterestNotBoughtYet() throws Exception {
        StreamSightSettings settings = records.microBatchSettings(checkpoints);
        for (String item : List.of("a", "b", "e", "f", "g", "a")) {
            send("rec-u1", Action.VIEW, item);
        }
        send("rec-u1", Action.CLICK, "c");
        send("rec-u1", Action.CLICK, "d");
        send("rec-u1", Action.CLICK, "a");
        send("rec-u1", Action.PURCHASE, "c");
        send("rec-u2", Action.PURCHASE, "a");
        String malformed =
                "{\"user_id\":\"rec-u3\",\"action\":\"buy\",\"item_id\":\"a\",\"timestamp\":\"2026-11-25T10:00:00Z\"}";
        records.send(
                Topic.USER_ACTIVITY,
                "rec-u3".getBytes(StandardCharsets.UTF_8),
                malformed.getBytes(StandardCharsets.UTF_8));
        // Other buyers: afterwards p1 was bought with p2 by two users (v1, v3), with p3 and p4 by one each.
        send("rec-v1", Action.PURCHASE, "p1");
        send("rec-v1", Action.PURCHASE, "p2");
        send("rec-v1", Action.PURCHASE, "p3");
        send("rec-v2", Action.PURCHASE, "p1");
        send("rec-v2", Action.PURCHASE, "p4");
        send("rec-v3", Action.PURCHASE, "p1");
        send("rec-v3", Action.PURCHASE, "p2");
        send("rec-w", Action.VIEW, "p6");
        send("rec-w", Action.CLICK, "p6");
        send("rec-w", Action.CLICK, "p3");
        send("rec-w", Action.VIEW, "p7");
        send("rec-w", Action.VIEW, "p9");
        send("rec-w", Action.VIEW, "p5");
        send("rec-w", Action.PURCHASE, "p4");

        try (StreamSightApp app =
                StreamSightApp.start(SparkTestSession.get(), settings, Set.of(RecommendationsPipeline.NAME))) {
            records.awaitProcessed(RecommendationsPipeline.NAME, Topic.USER_ACTIVITY);
            send("rec-u1", Action.CLICK, "g");
            send("rec-u1", Action.CLICK, "g");
            send("rec-u1", Action.PURCHASE, "a");
            send("rec-w", Action.PURCHASE, "p1");
            records.awaitProcessed(RecommendationsPipeline.NAME, Topic.USER_ACTIVITY);
        }

        List<String> recommendations = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records.readAll(Topic.RECOMMENDATIONS)) {
            JsonNode json = TransactionRecords.json(record.value());
            assertThat(TransactionRecords.text(record.key()))
                    .isEqualTo(json.get("user_id").asText());
            List<String> items = new ArrayList<>();
            json.get("items").forEach(item -> items.add(item.asText()));
            recommendations.add(json.get("user_id").asText() + " bought "
                    + json.get("purchased_item_id").asText() + ": " + items);
        }
        // Scores: a = 1 + 1 + 2, d = 2, b = e = f = 1, g = 1 and later + 2 + 2; c and a bought in turn.
        // Co-purchases add 3 per other buyer of both items. rec-w bought p4 (bought with p1 by v2):
        // p1 = 3, p6 = 1 + 2, p3 = 2, p5 = p7 = p9 = 1. rec-w then bought p1: p2 = 3 x 2, p3 = 2 + 3,
        // p6 = 3, p5 = p7 = p9 = 1, and p4 (3 x 1, from v2) is out because rec-w bought it.
        assertThat(recommendations)
                .containsExactlyInAnyOrder(
                        "rec-u1 bought c: [a, d, b, e, f]",
                        "rec-u2 bought a: []",
                        "rec-u1 bought a: [g, d, b, e, f]",
                        "rec-v1 bought p1: []",
                        "rec-v1 bought p2: []",
                        "rec-v1 bought p3: []",
                        "rec-v2 bought p1: [p2, p3]",
                        "rec-v2 bought p4: []",
                        "rec-v3 bought p1: [p2, p3, p4]",
                        "rec-v3 bought p2: [p3]",
                        "rec-w bought p4: [p1, p6, p3, p5, p7]",
                        "rec-w bought p1: [p2, p3, p6, p5, p7]");

        List<ConsumerRecord<byte[], byte[]>> deadLetters = records.readAll(Topic.USER_ACTIVITY_DLQ);
        assertThat(deadLetters)
                .extracting(r -> TransactionRecords.text(r.value()))
                .containsExactly(malformed);
        assertThat(TransactionRecords.text(deadLetters
                        .get(0)
                        .headers()
                        .lastHeader(DeadLetters.REASON)
                        .value()))
                .startsWith("field 'action'");
    }
}
