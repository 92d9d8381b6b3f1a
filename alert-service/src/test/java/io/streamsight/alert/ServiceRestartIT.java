package io.streamsight.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamsight.events.FraudAlert;
import io.streamsight.localstack.broker.EmbeddedKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Kills the packaged service (target/quarkus-app) after it delivered and committed an alert,
 * replays that alert while it is down, starts it again: the webhook still gets it only once,
 * the alerts published meanwhile are delivered, and an SSE client resuming with the last event id
 * it saw gets exactly what it missed.
 */
class ServiceRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String TOKEN = "restart-test-token";

    @Test
    void anAlertDeliveredBeforeACrashIsNotDeliveredAgainWhenReplayedAfterTheRestart() throws Exception {
        String user = TestAlerts.unique("user");
        FraudAlert delivered = TestAlerts.fraud(user, "Berlin", "8000.00");
        FraudAlert publishedWhileDown = TestAlerts.fraud(user, "Berlin", "8100.00");
        String lastEventId;
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                TestAlerts alerts = new TestAlerts(kafka.bootstrapServers());
                WebhookReceiverServer receiver = new WebhookReceiverServer();
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Process service = startService(kafka.bootstrapServers());
            try {
                subscribe(receiver);
                try (SseClient sse = SseClient.connect(stream(user), null)) {
                    alerts.publish(delivered);
                    SseClient.Event seen = sse.next(WAIT);
                    assertThat(seen).as("the alert at an SSE client before the crash").isNotNull();
                    assertThat(seen.data()).contains(delivered.alertId());
                    lastEventId = seen.id();
                }
                await().atMost(WAIT).until(() -> receiver.accepted().size() == 1);
                // the crash comes after the offset commit: what was committed must not be delivered again
                await().atMost(WAIT).until(() -> committedAlerts(admin) >= 1);
            } finally {
                service.destroyForcibly().waitFor();
            }

            alerts.publish(delivered);
            alerts.publish(publishedWhileDown);
            service = startService(kafka.bootstrapServers());
            try {
                try (SseClient sse = SseClient.connect(stream(user), lastEventId)) {
                    SseClient.Event missed = sse.next(WAIT);
                    assertThat(missed).as("what the SSE client missed while the service was down").isNotNull();
                    assertThat(missed.data()).contains(publishedWhileDown.alertId());
                    assertThat(sse.next(Duration.ofSeconds(3))).as("anything after it: the replayed duplicate, again").isNull();
                }
                await().atMost(WAIT).until(() -> receiver.accepted().size() >= 2);
                assertThat(receiver.accepted().stream().map(WebhookReceiverServer.Request::idempotencyKey))
                        .containsExactly(delivered.alertId(), publishedWhileDown.alertId());
            } finally {
                service.destroy();
                service.waitFor();
            }
        }
    }

    private int port;

    private URI stream(String user) {
        return URI.create("http://127.0.0.1:" + port + "/alerts/stream?user_id=" + user);
    }

    private Process startService(String bootstrapServers) throws Exception {
        port = freePort();
        Path log = Files.createTempFile("alert-service-restart", ".log");
        // the prod profile, configured the way a deployment is: through the environment
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the broker's minimum: the killed instance's group membership expires sooner
                "-Dmp.messaging.incoming.alerts.session.timeout.ms=6000",
                "-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("STREAMSIGHT_SUBSCRIPTIONS_TOKEN", TOKEN);
        builder.environment().put("STREAMSIGHT_WEBHOOKS_ALLOW_LOOPBACK", "true");
        Process process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("alert-service exited: " + Files.readString(log));
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return process;
    }

    private void subscribe(WebhookReceiverServer receiver) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/subscriptions"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + receiver.url() + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    /** Sum of the committed offsets of the service's group on fraud_alerts. */
    private static long committedAlerts(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("alert-service")
                .partitionsToOffsetAndMetadata().get();
        return offsets.entrySet().stream()
                .filter(e -> e.getKey().topic().equals("fraud_alerts") && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
