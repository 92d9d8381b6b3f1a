package io.streamsight.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamsight.events.FraudAlert;
import io.streamsight.localstack.broker.EmbeddedKafka;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/**
 * Kills the packaged service (target/quarkus-app) after it delivered and committed an alert,
 * replays that alert while it is down, starts it again: the webhook still gets it only once,
 * the alerts published meanwhile are delivered, and an SSE client resuming with the last event id
 * it saw gets exactly what it missed.
 */
class ServiceRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void anAlertDeliveredBeforeACrashIsNotDeliveredAgainWhenReplayedAfterTheRestart() throws Exception {
        String user = TestAlerts.unique("user");
        FraudAlert delivered = TestAlerts.fraud(user, "Berlin", "8000.00");
        FraudAlert publishedWhileDown = TestAlerts.fraud(user, "Berlin", "8100.00");
        String lastEventId;
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                TestAlerts alerts = new TestAlerts(kafka.bootstrapServers());
                WebhookReceiverServer receiver = new WebhookReceiverServer();
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            PackagedService service = PackagedService.start(kafka.bootstrapServers());
            try {
                service.subscribe(receiver);
                try (SseClient sse = SseClient.connect(service.uri("/alerts/stream?user_id=" + user), null)) {
                    alerts.publish(delivered);
                    SseClient.Event seen = sse.next(WAIT);
                    assertThat(seen)
                            .as("the alert at an SSE client before the crash")
                            .isNotNull();
                    assertThat(seen.data()).contains(delivered.alertId());
                    lastEventId = seen.id();
                }
                await().atMost(WAIT).until(() -> receiver.accepted().size() == 1);
                // an analyst's label, which the restarted service must still know
                assertThat(service.put(
                                "/alerts/" + delivered.alertId() + "/triage",
                                "{\"state\":\"resolved\",\"disposition\":\"fraud\"}"))
                        .contains("\"disposition\":\"fraud\"");
                // the crash comes after the offset commit: what was committed must not be delivered again
                await().atMost(WAIT).until(() -> PackagedService.committedFraudAlerts(admin) >= 1);
            } finally {
                service.kill();
            }

            alerts.publish(delivered);
            alerts.publish(publishedWhileDown);
            try (PackagedService restarted = PackagedService.start(kafka.bootstrapServers())) {
                try (SseClient sse = SseClient.connect(restarted.uri("/alerts/stream?user_id=" + user), lastEventId)) {
                    SseClient.Event missed = sse.next(WAIT);
                    assertThat(missed)
                            .as("what the SSE client missed while the service was down")
                            .isNotNull();
                    assertThat(missed.data()).contains(publishedWhileDown.alertId());
                    assertThat(sse.next(Duration.ofSeconds(3)))
                            .as("anything after it: the replayed duplicate, again")
                            .isNull();
                }
                HttpResponse<String> label = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(restarted.uri("/alerts/" + delivered.alertId() + "/triage"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(label.statusCode()).isEqualTo(200);
                assertThat(label.body()).contains("\"disposition\":\"fraud\"", "\"state\":\"resolved\"");
                await().atMost(WAIT).until(() -> receiver.accepted().size() >= 2);
                assertThat(receiver.accepted().stream().map(WebhookReceiverServer.Request::idempotencyKey))
                        .containsExactly(delivered.alertId(), publishedWhileDown.alertId());
            }
        }
    }
}
