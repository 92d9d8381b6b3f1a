package io.streamsight.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamsight.localstack.process.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The packaged service (target/quarkus-app) in a JVM of its own, in the prod profile and
 * configured the way a deployment is, through the environment; ready when it answers its
 * readiness check.
 */
final class PackagedService implements AutoCloseable {

    static final String TOKEN = "packaged-test-token";
    private static final Duration START = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final Path log;

    private PackagedService(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** {@code properties}: further {@code -D} settings, such as a faster lag exporter. */
    static PackagedService start(String bootstrapServers, String... properties) throws Exception {
        int port = FreePort.pick();
        Path log = Files.createTempFile("alert-service-", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the broker's minimum: a killed instance's group membership expires sooner
                "-Dmp.messaging.incoming.alerts.session.timeout.ms=6000"));
        command.addAll(List.of(properties));
        command.addAll(List.of(
                "-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("STREAMSIGHT_SUBSCRIPTIONS_TOKEN", TOKEN);
        builder.environment().put("STREAMSIGHT_WEBHOOKS_ALLOW_LOOPBACK", "true");
        Process process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(START).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("alert-service exited: " + Files.readString(log));
            }
            try {
                return http.send(
                                        HttpRequest.newBuilder(
                                                        URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return new PackagedService(process, port, log);
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** Subscribes a webhook receiver to every alert. */
    void subscribe(WebhookReceiverServer receiver) throws Exception {
        subscribe(receiver, "{}");
    }

    /** Subscribes a webhook receiver to the alerts {@code filter} (JSON) selects. */
    void subscribe(WebhookReceiverServer receiver, String filter) throws Exception {
        HttpResponse<String> response =
                post("/subscriptions", "{\"url\":\"" + receiver.url() + "\",\"filter\":" + filter + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    /** POSTs {@code body} (JSON) to {@code path} with the token. */
    HttpResponse<String> post(String path, String body) throws Exception {
        return send(path, "POST", body);
    }

    /** Sends {@code body} to {@code path} with the token; returns the response body after asserting a 200. */
    String put(String path, String body) throws Exception {
        HttpResponse<String> response = send(path, "PUT", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> send(String path, String method, String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(uri(path))
                                .header("Authorization", "Bearer " + TOKEN)
                                .header("Content-Type", "application/json")
                                .method(method, HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /** Sum of the committed offsets of the services' group on fraud_alerts. */
    static long committedFraudAlerts(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("alert-service")
                .partitionsToOffsetAndMetadata()
                .get();
        return offsets.entrySet().stream()
                .filter(e -> e.getKey().topic().equals("fraud_alerts") && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset())
                .sum();
    }

    /** SIGKILL, as a crash or an OOM kill would: no shutdown hook, no last commit. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
