package io.streamsight.alert;

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
 * Random requests at every endpoint (see {@link RestFuzzer}), with and without the bearer token. The
 * service must answer each with a success or a client error with a problem body, never a server
 * error, and stay ready.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class RestFuzzTest {

    private static final long SEED = 20261203L;

    @TestHTTPResource("/")
    URI base;

    @Test
    void noRequestGetsAServerErrorAndTheServiceStaysReady() throws Exception {
        RestFuzzer.Target target = new RestFuzzer.Target(
                base,
                List.of(
                        "/alerts",
                        "/alerts/counts",
                        "/alerts/stream",
                        "/analytics",
                        "/lag",
                        "/lag/%s",
                        "/latency",
                        "/quality",
                        "/rules",
                        "/rules/%s",
                        "/rules/%s/disable",
                        "/rules/%s/enable",
                        "/rules/%s/history",
                        "/rules/%s/rollback",
                        "/rules/%s/promote",
                        "/rules/backtest",
                        "/rules/backtest/%s",
                        "/alerts/%s/triage",
                        "/triage",
                        "/subscriptions",
                        "/subscriptions/%s",
                        "/q/health",
                        "/nope/%s",
                        "/lag/alert-service"),
                List.of(
                        "?limit=-1",
                        "?limit=99999999999",
                        "?kind=nope",
                        "?min_severity=huge&min_severity=low",
                        "?user_id=" + "u".repeat(5000),
                        "?replay=abc",
                        "?replay=1",
                        "?location=%25ZZ"),
                List.of(
                        "{\"url\":12}",
                        "{\"url\":\"http://127.0.0.1:1/x\",\"filter\":{\"location\":\"notalist\"}}",
                        "{\"url\":\"ftp://x\"}",
                        "{\"rule_id\":\"x\",\"conditions\":[{\"field\":\"amount\",\"op\":\"gt\",\"value\":\"5000\"}]}",
                        "{\"conditions\":" + "[".repeat(2000) + "]".repeat(2000) + "}",
                        "{\"enabled\":\"yes\",\"severity\":7}",
                        "{\"version\":1.5}",
                        "{\"rules\":[{\"rule_id\":\"y\"}],\"from\":12,\"until\":[]}",
                        "{\"rules\":[],\"from\":\"+999999999-12-31T23:59:59Z\"}"),
                List.of("", "Bearer test-token", "Bearer wrong", "Basic abc", "Bearer "),
                List.of("/alerts/stream"));
        RestFuzzer.Report report = new RestFuzzer(target, SEED).run(400);

        assertThat(report.serverErrors()).isEmpty();
        assertThat(report.refusalsWithoutProblem()).isEmpty();
        // the requests reached the handlers, not only the router: successes, refusals, and the token check
        assertThat(report.statuses()).as("answers by status").containsKeys(200, 400, 401, 404);
        HttpResponse<String> ready = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(base.resolve("q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
    }
}
