package io.streamsight.alert;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.streamsight.localstack.process.FreePort;
import io.streamsight.localstack.tools.DebianTool;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Prometheus Alertmanager (Debian package {@code prometheus-alertmanager}) on a free
 * loopback port, with a minimal configuration and a temporary storage path; its URL becomes
 * {@code streamsight.alertmanager.url}.
 */
public class AlertmanagerTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String CONFIG = """
            route:
              receiver: nowhere
              group_wait: 1s
            receivers:
              - name: nowhere
            """;

    static volatile URI url;
    private Process process;
    private Path directory;

    @Override
    public Map<String, String> start() {
        try {
            directory = Files.createTempDirectory("alertmanager-test");
            Path config = Files.writeString(directory.resolve("alertmanager.yml"), CONFIG);
            int port = FreePort.pick();
            process = new ProcessBuilder(
                            DebianTool.ALERTMANAGER.path(),
                            "--config.file=" + config,
                            "--storage.path=" + directory.resolve("data"),
                            "--web.listen-address=127.0.0.1:" + port,
                            "--cluster.listen-address=")
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("alertmanager.log").toFile())
                    .start();
            url = URI.create("http://127.0.0.1:" + port);
            awaitReady();
            return Map.of("streamsight.alertmanager.url", url.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start prometheus-alertmanager", e);
        }
    }

    private void awaitReady() throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Alertmanager exited: " + Files.readString(directory.resolve("alertmanager.log")));
            }
            try {
                if (http.send(
                                        HttpRequest.newBuilder(url.resolve("/-/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
                Thread.sleep(200);
            } catch (IOException e) {
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(
                "Alertmanager not ready within 30 s: " + Files.readString(directory.resolve("alertmanager.log")));
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
        }
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp directory left behind is harmless
            }
        }
    }
}
