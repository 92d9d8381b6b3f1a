package io.streamsight.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamsight.events.EventJson;
import io.streamsight.events.FraudAlert;
import io.streamsight.events.Topic;
import io.streamsight.localstack.quarkus.KafkaTestResource;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class WebhookDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TestHTTPResource("/alerts/stream")
    URI stream;

    @Test
    void anAlertReachesAnSseClientAndASignedWebhook() throws Exception {
        String user = TestAlerts.unique("user");
        try (WebhookReceiverServer receiver = new WebhookReceiverServer();
                SseClient sse = SseClient.connect(URI.create(stream + "?user_id=" + user), null);
                TestAlerts kafka = new TestAlerts()) {
            Map<String, String> subscription = subscribe(receiver, "{\"user_id\":[\"" + user + "\"]}");
            FraudAlert alert = TestAlerts.fraud(user, "Lisbon", "7000.00");
            kafka.publish(alert);

            SseClient.Event event = sse.next(WAIT);
            assertThat(event).isNotNull();
            assertThat(EventJson.mapper().readTree(event.data()).get("alert_id").asText())
                    .isEqualTo(alert.alertId());

            await().atMost(WAIT).until(() -> receiver.accepted().size() == 1);
            WebhookReceiverServer.Request request = receiver.accepted().get(0);
            String secret = subscription.get("secret");
            assertThat(request.idempotencyKey()).isEqualTo(alert.alertId());
            assertThat(WebhookReceiverServer.signatureValid(
                            secret, request.timestamp(), request.body(), request.signature()))
                    .as("signature over timestamp and body")
                    .isTrue();
            String tampered = request.body().replace("7000", "7");
            assertThat(tampered).isNotEqualTo(request.body());
            assertThat(WebhookReceiverServer.signatureValid(secret, request.timestamp(), tampered, request.signature()))
                    .as("a tampered body fails verification")
                    .isFalse();
            assertThat(WebhookReceiverServer.signatureValid(
                            secret,
                            Long.toString(Long.parseLong(request.timestamp()) + 1),
                            request.body(),
                            request.signature()))
                    .as("a changed timestamp fails verification")
                    .isFalse();
            JsonNode body = EventJson.mapper().readTree(request.body());
            assertThat(body.get("alert_id").asText()).isEqualTo(alert.alertId());
            assertThat(body.get("details").get("transaction_id").asText()).isEqualTo(alert.transactionId());
            unsubscribe(subscription);
        }
    }

    @Test
    void aRecoveringReceiverGetsEveryAlertOnceInOrderWhileAHealthyOneIsNotHeldUp() throws Exception {
        String location = TestAlerts.unique("city");
        List<String> users = threeUsers();
        List<FraudAlert> alerts = alertsInTurn(users, location, 12, 6000);
        try (WebhookReceiverServer healthy = new WebhookReceiverServer();
                WebhookReceiverServer flaky = new WebhookReceiverServer();
                TestAlerts kafka = new TestAlerts()) {
            // the flaky receiver fails until the healthy one has everything: so the healthy one
            // cannot have been waiting for the flaky one
            AtomicBoolean healthyHasAll = new AtomicBoolean();
            flaky.answerWith(() -> healthyHasAll.get() ? 200 : 500);
            String filter = "{\"location\":[\"" + location + "\"]}";
            Map<String, String> healthySubscription = subscribe(healthy, filter);
            Map<String, String> flakySubscription = subscribe(flaky, filter);
            alerts.forEach(kafka::publish);

            await().atMost(WAIT).until(() -> healthy.accepted().size() == alerts.size());
            assertThat(flaky.accepted())
                    .as("the flaky receiver accepted nothing yet")
                    .isEmpty();
            assertThat(flaky.requests())
                    .as("the flaky receiver was being retried meanwhile")
                    .isNotEmpty();
            healthyHasAll.set(true);
            await().atMost(WAIT).until(() -> flaky.accepted().size() >= alerts.size());

            for (WebhookReceiverServer receiver : List.of(healthy, flaky)) {
                assertEveryAlertOnceInEachUsersOrder(receiver, alerts, users);
            }
            unsubscribe(healthySubscription);
            unsubscribe(flakySubscription);
        }
    }

    @Test
    void aReceiverRefusingConnectionsThenFailingThenSlowGetsEveryAlertOnceInOrder() throws Exception {
        String location = TestAlerts.unique("city");
        List<String> users = threeUsers();
        List<FraudAlert> alerts = alertsInTurn(users, location, 9, 7000);
        int port;
        try (java.net.ServerSocket reserved = new java.net.ServerSocket(0)) {
            port = reserved.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/hook";
        Map<String, String> subscription = SubscriptionApiTest.authorized()
                .body("{\"url\":\"" + url + "\",\"filter\":{\"location\":[\"" + location + "\"]}}")
                .post("/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .as(Map.class);
        try (TestAlerts kafka = new TestAlerts()) {
            alerts.forEach(kafka::publish);
            // nothing listens yet: every attempt is refused and retried (within %test's 10 s max age)
            Thread.sleep(1_500);
            try (WebhookReceiverServer receiver = new WebhookReceiverServer(port)) {
                long failingUntil = System.nanoTime() + Duration.ofMillis(1_000).toNanos();
                receiver.answerWith(() -> {
                    if (System.nanoTime() < failingUntil) {
                        return 500;
                    }
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return 200;
                });
                await().atMost(WAIT).until(() -> receiver.accepted().size() >= alerts.size());
                assertThat(receiver.requests())
                        .as("the receiver was retried while it failed")
                        .anySatisfy(r -> assertThat(r.answeredWith()).isEqualTo(500));
                assertEveryAlertOnceInEachUsersOrder(receiver, alerts, users);
            }
        } finally {
            unsubscribe(subscription);
        }
    }

    @Test
    void anAlertUndeliverableBeyondTheMaxAgeGoesToTheDeadLetterTopicWithItsLastError() throws Exception {
        String user = TestAlerts.unique("user");
        try (WebhookReceiverServer dead = new WebhookReceiverServer();
                TestAlerts kafka = new TestAlerts()) {
            dead.answerWith(() -> 503);
            Map<String, String> subscription = subscribe(dead, "{\"user_id\":[\"" + user + "\"]}");
            FraudAlert alert = TestAlerts.fraud(user, "Rome", "9000.00");
            kafka.publish(alert);

            JsonNode letter = deadLetter(alert.alertId());
            assertThat(letter.get("receiver").asText()).isEqualTo(subscription.get("subscription_id"));
            assertThat(letter.get("receiver_type").asText()).isEqualTo("webhook");
            assertThat(letter.get("last_error").asText()).contains("503");
            assertThat(letter.get("attempts").asInt()).isGreaterThan(1);
            assertThat(letter.get("alert").get("alert_id").asText()).isEqualTo(alert.alertId());
            assertThat(dead.accepted()).isEmpty();
            unsubscribe(subscription);
        }
    }

    private static List<String> threeUsers() {
        return List.of(TestAlerts.unique("user"), TestAlerts.unique("user"), TestAlerts.unique("user"));
    }

    /** {@code count} alerts at {@code location}, the users taking turns, amounts from {@code firstAmount} up. */
    private static List<FraudAlert> alertsInTurn(List<String> users, String location, int count, int firstAmount) {
        List<FraudAlert> alerts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            alerts.add(TestAlerts.fraud(users.get(i % users.size()), location, (firstAmount + i) + ".00"));
        }
        return alerts;
    }

    private static void assertEveryAlertOnceInEachUsersOrder(
            WebhookReceiverServer receiver, List<FraudAlert> alerts, List<String> users) {
        List<String> accepted = receiver.accepted().stream()
                .map(WebhookReceiverServer.Request::idempotencyKey)
                .toList();
        assertThat(accepted)
                .as("every alert exactly once")
                .hasSize(alerts.size())
                .containsExactlyInAnyOrderElementsOf(
                        alerts.stream().map(FraudAlert::alertId).toList());
        for (String user : users) {
            List<String> published = alerts.stream()
                    .filter(a -> a.userId().equals(user))
                    .map(FraudAlert::alertId)
                    .toList();
            assertThat(accepted.stream().filter(published::contains).toList())
                    .as("order of " + user)
                    .isEqualTo(published);
        }
    }

    static Map<String, String> subscribe(WebhookReceiverServer receiver, String filter) {
        return SubscriptionApiTest.authorized()
                .body("{\"url\":\"" + receiver.url() + "\",\"filter\":" + filter + "}")
                .post("/subscriptions")
                .then()
                .statusCode(201)
                .extract()
                .as(Map.class);
    }

    static void unsubscribe(Map<String, String> subscription) {
        SubscriptionApiTest.authorized()
                .delete("/subscriptions/" + subscription.get("subscription_id"))
                .then()
                .statusCode(204);
    }

    private static JsonNode deadLetter(String alertId) throws Exception {
        try (KafkaConsumer<String, byte[]> consumer = TestAlerts.readFromStart(Topic.ALERT_DELIVERIES_DLQ)) {
            List<String> found = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (alertId.equals(record.key())) {
                        assertThat(new String(
                                        record.headers()
                                                .lastHeader("streamsight.last_error")
                                                .value(),
                                        StandardCharsets.UTF_8))
                                .contains("503");
                        found.add(new String(record.value(), StandardCharsets.UTF_8));
                    }
                }
                return !found.isEmpty();
            });
            return EventJson.mapper().readTree(found.get(0));
        }
    }
}
