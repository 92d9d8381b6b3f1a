package io.streamsight.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamsight.events.EventJson;
import io.streamsight.events.FraudAlert;
import io.streamsight.localstack.broker.EmbeddedKafka;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.Test;

/**
 * Two packaged replicas on one broker, as the chart runs them: each replica's SSE feed and
 * {@code GET /alerts} show every alert, while the webhook gets each alert once across the two;
 * one replica killed, its SSE client resumes on the other with {@code Last-Event-ID} and misses
 * nothing, and the other takes over its deliveries.
 */
class ReplicasIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int USERS = 6;

    @Test
    void everyReplicaShowsEveryAlertAndTheWebhookGetsEachOnce() throws Exception {
        List<String> users = IntStream.range(0, USERS).mapToObj(i -> TestAlerts.unique("replica-user-" + i)).toList();
        String stream = "/alerts/stream?user_id=" + String.join(",", users);
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                TestAlerts alerts = new TestAlerts(kafka.bootstrapServers());
                WebhookReceiverServer receiver = new WebhookReceiverServer();
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
                PackagedService first = PackagedService.start(kafka.bootstrapServers());
                PackagedService second = PackagedService.start(kafka.bootstrapServers())) {
            first.subscribe(receiver);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(second.uri("/subscriptions")).header("Authorization", "Bearer " + PackagedService.TOKEN)
                            .build(), HttpResponse.BodyHandlers.ofString()).body().contains(receiver.url()));
            // Both in the group with partitions of their own, so no rebalance moves an alert mid-delivery.
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("alert-service")).all().get()
                        .get("alert-service");
                return group.members().size() == 2 && group.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
            });
            List<FraudAlert> before;
            String lastSeenOnFirst;
            try (SseClient atFirst = SseClient.connect(first.uri(stream), null);
                    SseClient atSecond = SseClient.connect(second.uri(stream), null)) {
                // A client without Last-Event-ID gets what comes after it connected.
                before = publish(alerts, users, 5);
                List<SseClient.Event> seenOnFirst = read(atFirst, before.size());
                assertThat(eventIds(seenOnFirst)).as("SSE at the first replica").isEqualTo(ids(before));
                assertThat(eventIds(read(atSecond, before.size()))).as("SSE at the second replica").isEqualTo(ids(before));
                lastSeenOnFirst = seenOnFirst.get(seenOnFirst.size() - 1).id();
            }
            Set<String> expected = ids(before);
            for (PackagedService replica : List.of(first, second)) {
                String recent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(replica.uri("/alerts?limit=1000")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(expected).as("GET /alerts at each replica").allSatisfy(id -> assertThat(recent).contains(id));
            }
            await().atMost(WAIT).until(() -> keys(receiver).containsAll(expected));
            assertThat(receiver.accepted()).as("each alert once at the webhook across both replicas").hasSize(expected.size());
            // Killed only once every delivery is committed: what follows is about the feed, not redelivery.
            await().atMost(WAIT).until(() -> PackagedService.committedFraudAlerts(admin) >= expected.size());

            first.kill();
            List<FraudAlert> after = publish(alerts, users, 3);
            try (SseClient resumed = SseClient.connect(second.uri(stream), lastSeenOnFirst)) {
                assertThat(eventIds(read(resumed, after.size()))).as("what the first replica's client missed, from the second")
                        .isEqualTo(ids(after));
                assertThat(resumed.next(Duration.ofSeconds(3))).as("and nothing it had already seen").isNull();
            }
            Set<String> all = new java.util.HashSet<>(ids(before));
            all.addAll(ids(after));
            await().atMost(WAIT).until(() -> keys(receiver).containsAll(all));
            assertThat(keys(receiver)).as("the second replica took over the first one's deliveries").isEqualTo(all);
        }
    }

    private static List<FraudAlert> publish(TestAlerts alerts, List<String> users, int perUser) {
        List<FraudAlert> published = new ArrayList<>();
        for (int i = 0; i < perUser; i++) {
            for (String user : users) {
                FraudAlert alert = TestAlerts.fraud(user, "Berlin", (8000 + i) + ".00");
                alerts.publish(alert);
                published.add(alert);
            }
        }
        return published;
    }

    private static List<SseClient.Event> read(SseClient client, int count) throws InterruptedException {
        List<SseClient.Event> events = new ArrayList<>();
        while (events.size() < count) {
            SseClient.Event event = client.next(WAIT);
            assertThat(event).as("event " + (events.size() + 1) + " of " + count).isNotNull();
            events.add(event);
        }
        return events;
    }

    private static Set<String> ids(List<FraudAlert> alerts) {
        return alerts.stream().map(FraudAlert::alertId).collect(Collectors.toSet());
    }

    private static Set<String> eventIds(List<SseClient.Event> events) {
        return events.stream().map(e -> {
            try {
                return EventJson.mapper().readTree(e.data()).path("alert_id").asText();
            } catch (java.io.IOException malformed) {
                throw new IllegalStateException(e.data(), malformed);
            }
        }).collect(Collectors.toSet());
    }

    private static Set<String> keys(WebhookReceiverServer receiver) {
        return receiver.accepted().stream().map(WebhookReceiverServer.Request::idempotencyKey).collect(Collectors.toSet());
    }
}
