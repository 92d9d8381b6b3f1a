package io.streamsight.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsight.events.EventJson;
import io.streamsight.events.FraudAlert;
import io.streamsight.localstack.broker.EmbeddedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Two packaged replicas on one broker, as the chart runs them: each replica's SSE feed and
 * {@code GET /alerts} show every alert, while the webhook gets each alert once across the two;
 * one replica killed, its SSE client resumes on the other with {@code Last-Event-ID} and misses
 * nothing, and the other takes over its deliveries. Lag alerts are raised by one replica, and
 * the replica taking over after it dies does not raise again what is still firing. A backtest
 * submitted to one replica is read back from the other.
 */
class ReplicasIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int USERS = 6;

    @Test
    void everyReplicaShowsEveryAlertAndTheWebhookGetsEachOnce() throws Exception {
        List<String> users = IntStream.range(0, USERS)
                .mapToObj(i -> TestAlerts.unique("replica-user-" + i))
                .toList();
        String stream = "/alerts/stream?user_id=" + String.join(",", users);
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                TestAlerts alerts = new TestAlerts(kafka.bootstrapServers());
                WebhookReceiverServer receiver = new WebhookReceiverServer();
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
                PackagedService first = PackagedService.start(kafka.bootstrapServers());
                PackagedService second = PackagedService.start(kafka.bootstrapServers())) {
            first.subscribe(receiver);
            await().atMost(WAIT)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(second.uri("/subscriptions"))
                                            .header("Authorization", "Bearer " + PackagedService.TOKEN)
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body()
                            .contains(receiver.url()));
            // Both in the group with partitions of their own, so no rebalance moves an alert mid-delivery.
            awaitBothInTheGroup(admin);
            List<FraudAlert> before;
            String lastSeenOnFirst;
            try (SseClient atFirst = SseClient.connect(first.uri(stream), null);
                    SseClient atSecond = SseClient.connect(second.uri(stream), null)) {
                // A client without Last-Event-ID gets what comes after it connected.
                before = publish(alerts, users, 5);
                List<SseClient.Event> seenOnFirst = read(atFirst, before.size());
                assertThat(eventIds(seenOnFirst)).as("SSE at the first replica").isEqualTo(ids(before));
                assertThat(eventIds(read(atSecond, before.size())))
                        .as("SSE at the second replica")
                        .isEqualTo(ids(before));
                lastSeenOnFirst = seenOnFirst.get(seenOnFirst.size() - 1).id();
            }
            Set<String> expected = ids(before);
            for (PackagedService replica : List.of(first, second)) {
                String recent = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(replica.uri("/alerts?limit=1000"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                assertThat(expected)
                        .as("GET /alerts at each replica")
                        .allSatisfy(id -> assertThat(recent).contains(id));
            }
            await().atMost(WAIT).until(() -> keys(receiver).containsAll(expected));
            assertThat(receiver.accepted())
                    .as("each alert once at the webhook across both replicas")
                    .hasSize(expected.size());
            // Killed only once every delivery is committed: what follows is about the feed, not redelivery.
            await().atMost(WAIT).until(() -> PackagedService.committedFraudAlerts(admin) >= expected.size());

            // a backtest submitted to one replica is read back from the other, as through a Service
            HttpResponse<String> submitted = first.post("/rules/backtest", "{\"rules\":[]}");
            assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
            String location = URI.create(
                            submitted.headers().firstValue("Location").orElseThrow())
                    .getPath();
            await().atMost(WAIT).until(() -> {
                HttpResponse<String> shown = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(second.uri(location)).build(),
                                HttpResponse.BodyHandlers.ofString());
                return shown.statusCode() == 200
                        && EventJson.mapper()
                                .readTree(shown.body())
                                .path("state")
                                .asText()
                                .equals("succeeded");
            });

            first.kill();
            List<FraudAlert> after = publish(alerts, users, 3);
            try (SseClient resumed = SseClient.connect(second.uri(stream), lastSeenOnFirst)) {
                assertThat(eventIds(read(resumed, after.size())))
                        .as("what the first replica's client missed, from the second")
                        .isEqualTo(ids(after));
                assertThat(resumed.next(Duration.ofSeconds(3)))
                        .as("and nothing it had already seen")
                        .isNull();
            }
            Set<String> all = new java.util.HashSet<>(ids(before));
            all.addAll(ids(after));
            await().atMost(WAIT).until(() -> keys(receiver).containsAll(all));
            assertThat(keys(receiver))
                    .as("the second replica took over the first one's deliveries")
                    .isEqualTo(all);
        }
    }

    @Test
    void aLagAlertIsRaisedOnceAcrossReplicasAndNotAgainByTheReplicaTakingOver() throws Exception {
        String[] fastLag = {"-Dstreamsight.lag.interval=PT0.5S", "-Dstreamsight.lag.window=5"};
        String topic = TestAlerts.unique("replica-lag");
        String group = TestAlerts.unique("replica-stopping");
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
                WebhookReceiverServer receiver = new WebhookReceiverServer();
                PackagedService first = PackagedService.start(kafka.bootstrapServers(), fastLag);
                PackagedService second = PackagedService.start(kafka.bootstrapServers(), fastLag)) {
            first.subscribe(receiver, "{\"kind\":\"lag\"}");
            awaitBothInTheGroup(admin);
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            TopicPartition partition = new TopicPartition(topic, 0);
            try (SteadyProducer producer = new SteadyProducer(kafka.bootstrapServers(), topic, 20)) {
                // A group that keeps up for a few seconds, then stops consuming while records keep coming.
                try (KafkaConsumer<String, String> consumer =
                        ConsumerLagTest.consumer(kafka.bootstrapServers(), group)) {
                    consumer.subscribe(List.of(topic));
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
                    while (System.nanoTime() < until) {
                        if (!consumer.poll(Duration.ofMillis(200)).isEmpty()) {
                            consumer.commitSync();
                        }
                    }
                }
                await().atMost(WAIT).until(() -> lagAlerts(receiver, group).size() >= 1);
                JsonNode raised = lagAlerts(receiver, group).get(0);
                assertThat(raised.path("alert_type").asText()).matches("consumer_lag_(stop|stall|err|warn)");
                for (PackagedService replica : List.of(first, second)) {
                    await().atMost(WAIT)
                            .until(() -> HttpClient.newHttpClient()
                                    .send(
                                            HttpRequest.newBuilder(replica.uri("/alerts?kind=lag&limit=1000"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .body()
                                    .contains(raised.path("alert_id").asText()));
                }

                // Killed once the delivery is committed: a repeat would carry the same key, but this is about raising.
                TopicPartition lagAlerts = new TopicPartition("lag_alerts", 0);
                await().atMost(WAIT).until(() -> {
                    OffsetAndMetadata committed = admin.listConsumerGroupOffsets("alert-service")
                            .partitionsToOffsetAndMetadata()
                            .get()
                            .get(lagAlerts);
                    return committed != null && committed.offset() >= 1;
                });
                PackagedService raiser = raises(first) ? first : second;
                PackagedService survivor = raiser == first ? second : first;
                assertThat(raises(survivor))
                        .as("only one replica raises lag alerts")
                        .isFalse();
                raiser.kill();
                await().atMost(WAIT).until(() -> raises(survivor));
                // Several polls of the survivor while the group is still stopped: it knows the alert is firing.
                Thread.sleep(5000);
                producer.close();
                admin.alterConsumerGroupOffsets(
                                group,
                                Map.of(
                                        partition,
                                        new OffsetAndMetadata(admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                                                .all()
                                                .get()
                                                .get(partition)
                                                .offset())))
                        .all()
                        .get();
                await().atMost(WAIT)
                        .until(() -> lagAlerts(receiver, group).stream()
                                .anyMatch(a -> a.path("details")
                                        .path("resolves")
                                        .asText()
                                        .equals(raised.path("alert_id").asText())));
            }
            List<JsonNode> delivered = lagAlerts(receiver, group);
            assertThat(delivered.stream()
                            .map(a -> a.path("alert_id").asText())
                            .distinct()
                            .count())
                    .as("each lag alert once at the webhook: " + delivered)
                    .isEqualTo(delivered.size());
            String firing = null;
            for (JsonNode alert : delivered) {
                String resolves = alert.path("details").path("resolves").asText(null);
                if (resolves == null) {
                    assertThat(firing)
                            .as("raised while " + firing + " was still firing: " + delivered)
                            .isNull();
                    firing = alert.path("alert_id").asText();
                } else {
                    assertThat(resolves).as("resolved notice").isEqualTo(firing);
                    firing = null;
                }
            }
            assertThat(firing)
                    .as("the group caught up, so nothing is left firing")
                    .isNull();
        }
    }

    private static void awaitBothInTheGroup(Admin admin) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("alert-service"))
                    .all()
                    .get()
                    .get("alert-service");
            return group.members().size() == 2
                    && group.members().stream()
                            .allMatch(m -> !m.assignment().topicPartitions().isEmpty());
        });
    }

    /** Whether the replica's log says it holds lag_alerts now (the last of its hand-over lines). */
    private static boolean raises(PackagedService replica) throws java.io.IOException {
        String log = java.nio.file.Files.readString(replica.log());
        return log.lastIndexOf("this replica raises the lag alerts")
                > log.lastIndexOf("lag_alerts handed to another replica");
    }

    /** The webhook's accepted lag alerts for {@code group}, in the order they arrived. */
    private static List<JsonNode> lagAlerts(WebhookReceiverServer receiver, String group) throws java.io.IOException {
        List<JsonNode> alerts = new ArrayList<>();
        for (WebhookReceiverServer.Request request : receiver.accepted()) {
            JsonNode alert = EventJson.mapper().readTree(request.body());
            if (alert.path("details").path("group").asText().equals(group)) {
                alerts.add(alert);
            }
        }
        return alerts;
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
            assertThat(event)
                    .as("event " + (events.size() + 1) + " of " + count)
                    .isNotNull();
            events.add(event);
        }
        return events;
    }

    private static Set<String> ids(List<FraudAlert> alerts) {
        return alerts.stream().map(FraudAlert::alertId).collect(Collectors.toSet());
    }

    private static Set<String> eventIds(List<SseClient.Event> events) {
        return events.stream()
                .map(e -> {
                    try {
                        return EventJson.mapper()
                                .readTree(e.data())
                                .path("alert_id")
                                .asText();
                    } catch (java.io.IOException malformed) {
                        throw new IllegalStateException(e.data(), malformed);
                    }
                })
                .collect(Collectors.toSet());
    }

    private static Set<String> keys(WebhookReceiverServer receiver) {
        return receiver.accepted().stream()
                .map(WebhookReceiverServer.Request::idempotencyKey)
                .collect(Collectors.toSet());
    }
}
