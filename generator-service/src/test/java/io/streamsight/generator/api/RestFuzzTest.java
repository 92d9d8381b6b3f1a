package io.streamsight.generator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamsight.localstack.fuzz.RestFuzzer;
import io.streamsight.localstack.quarkus.KafkaTestResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Random requests at every endpoint (see {@link RestFuzzer}): events of every topic and none,
 * scenarios valid, invalid and unknown. Each answer is a success or a client error with a problem
 * body, never a server error, and the service stays ready.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class RestFuzzTest {

    private static final long SEED = 20261204L;

    @TestHTTPResource("/")
    URI base;

    @Test
    void noRequestGetsAServerErrorAndTheServiceStaysReady() throws Exception {
        RestFuzzer.Target target = new RestFuzzer.Target(
                base,
                List.of(
                        "/events/%s",
                        "/events/transactions",
                        "/events/web_logs",
                        "/events/sensor_data",
                        "/events/fraud_alerts",
                        "/scenarios",
                        "/scenarios/%s",
                        "/q/health",
                        "/q/metrics",
                        "/nope/%s"),
                List.of("?partition=-1", "?key=" + "k".repeat(5000)),
                List.of(
                        "{\"transaction_id\":\"t-1\",\"user_id\":\"user_00001\",\"amount\":\"12\",\"currency\":\"EUR\"}",
                        "{\"transaction_id\":\"t-1\",\"user_id\":\"user_00001\",\"amount\":1e308,\"currency\":\"EUR\","
                                + "\"merchant\":\"m\",\"category\":\"c\",\"location\":\"Madrid\",\"timestamp\":\"2026-11-25T10:15:30Z\"}",
                        "127.0.0.1 - - [25/Nov/2026:10:00:00 +0000] \"GET /\u0007 HTTP/1.1\" 200 12",
                        "{\"rate_per_second\":-5}",
                        "{\"rate_per_second\":1e12}",
                        "{\"count\":-2}",
                        "{\"event_types\":[\"nope\"]}",
                        "{\"event_types\":\"transactions\"}",
                        "{\"duration_seconds\":\"NaN\"}",
                        "{\"fraud_ratio\":7,\"fraud_patterns\":[null]}",
                        "{\"start_time\":\"yesterday\"}",
                        "{\"typo\":1}"),
                List.of(""),
                List.of());
        RestFuzzer.Report report = new RestFuzzer(target, SEED).run(400);

        assertThat(report.serverErrors()).isEmpty();
        assertThat(report.refusalsWithoutProblem()).isEmpty();
        // the requests reached the handlers, not only the router
        assertThat(report.statuses()).as("answers by status").containsKeys(200, 400, 404);
        HttpResponse<String> ready = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(base.resolve("q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
    }
}
