package io.streamsight.generator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.streamsight.localstack.quarkus.KafkaTestResource;
import io.streamsight.localstack.tools.DebianTool;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class MetricsTest {

    @Test
    void sendsAndScenarioProgressAreMeasuredAndPromtoolAcceptsTheExposition() throws Exception {
        String id = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "event_types",
                        List.of("transactions", "web_logs"),
                        "rate_per_second",
                        2000,
                        "count",
                        400,
                        "fraud_ratio",
                        0.1,
                        "seed",
                        5))
                .when()
                .post("/scenarios")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> given().get("/scenarios/" + id)
                        .then()
                        .extract()
                        .path("state")
                        .equals("completed"));

        String metrics = given().accept(ContentType.TEXT)
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        assertThat(metrics)
                .containsPattern("streamsight_generator_events_sent_total\\{topic=\"transactions\",?} 200\\.0")
                .containsPattern("streamsight_generator_events_sent_total\\{topic=\"web_logs\",?} 200\\.0")
                .containsPattern("streamsight_generator_send_errors_total\\{topic=\"transactions\",?} 0\\.0")
                .containsPattern(
                        "streamsight_generator_send_latency_seconds_bucket\\{topic=\"web_logs\",le=\"\\+Inf\",?} 200\\.0")
                .containsPattern("streamsight_generator_scenario_progress_ratio\\{scenario=\"" + id + "\",?} 1\\.0")
                .contains("streamsight_generator_records_in_flight");
        assertThat(promtoolCheck(metrics)).isEmpty();
    }

    /** Runs {@code promtool check metrics} on the exposition; returns what it complained about. */
    private static String promtoolCheck(String exposition) throws IOException, InterruptedException {
        Process promtool = new ProcessBuilder(DebianTool.PROMTOOL.path(), "check", "metrics")
                .redirectErrorStream(true)
                .start();
        try (OutputStream stdin = promtool.getOutputStream()) {
            stdin.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(promtool.exitValue())
                .as("promtool check metrics exit code; output:%n%s", output)
                .isZero();
        return output.strip();
    }
}
