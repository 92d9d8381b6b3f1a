package io.streamsight.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamsight.localstack.quarkus.KafkaTestResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random requests at every endpoint: methods, paths, query strings, headers, bodies (malformed,
 * oversized, of the wrong JSON shape), with and without the bearer token. The service must answer
 * each with a client error and a problem body, or a success, never a server error, and stay ready.
 * Seeded, so a failure names a request that can be replayed.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class RestFuzzTest {

    private static final long SEED = 20261203L;
    private static final int REQUESTS = 400;
    private static final List<String> PATHS = List.of("/alerts", "/alerts/counts", "/alerts/stream", "/analytics", "/lag",
            "/lag/%s", "/latency", "/quality", "/rules", "/rules/%s", "/rules/%s/disable", "/rules/%s/enable", "/subscriptions",
            "/subscriptions/%s", "/q/health", "/nope/%s");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    private static final List<String> TOKENS = List.of("", "Bearer test-token", "Bearer wrong", "Basic abc", "Bearer ");

    @TestHTTPResource("/")
    URI base;

    @Test
    void noRequestGetsAServerErrorAndTheServiceStaysReady() throws Exception {
        Random random = new Random(SEED);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<String> serverErrors = new ArrayList<>();
        java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            String path = pick(random, PATHS).formatted(segment(random)) + query(random);
            String method = pick(random, METHODS);
            String body = body(random);
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.substring(1))).timeout(Duration.ofSeconds(10))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            String token = pick(random, TOKENS);
            if (!token.isEmpty()) {
                request.header("Authorization", token);
            }
            request.header("Content-Type", pick(random, List.of("application/json", "text/plain", "application/xml", "application/json; charset=latin1")));
            if (path.startsWith("/alerts/stream") && method.equals("GET")) {
                request.header("Last-Event-ID", pick(random, List.of("garbage", "fraud_alerts-0:-5", "x-1:2,,", "fraud_alerts-99:1")));
            }
            int status;
            String contentType;
            try {
                HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
                status = response.statusCode();
                contentType = response.headers().firstValue("Content-Type").orElse("");
            } catch (java.net.http.HttpTimeoutException streaming) {
                // an SSE stream that was accepted stays open: a success, not an error
                continue;
            }
            statuses.merge(status, 1, Integer::sum);
            if (status >= 500) {
                serverErrors.add(status + " for " + method + " " + path + " body " + abbreviate(body));
            } else if (status >= 400 && status != 405 && !path.startsWith("/q/")) {
                assertThat(contentType).as(method + " " + path + " answered " + status).startsWith("application/problem+json");
            }
        }
        assertThat(serverErrors).isEmpty();
        // the requests reached the handlers, not only the router: successes, refusals, and the token check
        assertThat(statuses).as("answers by status").containsKeys(200, 400, 401, 404);
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(base.resolve("q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
    }

    private static String segment(Random random) {
        return pick(random, List.of("x", "amount_over_5000", "%2e%2e", "a".repeat(3000), "%00", "%E2%82%AC", "alert-service",
                "..%2F..%2Fetc", "-1", "ü"));
    }

    private static String query(Random random) {
        return pick(random, List.of("", "?limit=-1", "?limit=99999999999", "?kind=nope", "?min_severity=huge&min_severity=low",
                "?user_id=" + "u".repeat(5000), "?replay=abc", "?replay=1", "?location=%25ZZ", "?unknown=1", "?limit="));
    }

    private static String body(Random random) {
        return pick(random, java.util.Arrays.asList(null, "", "{", "null", "[]", "42", "\"text\"", "{\"url\":12}",
                "{\"url\":\"http://127.0.0.1:1/x\",\"filter\":{\"location\":\"notalist\"}}",
                "{\"url\":\"ftp://x\"}", "{\"rule_id\":\"x\",\"conditions\":[{\"field\":\"amount\",\"op\":\"gt\",\"value\":\"5000\"}]}",
                "{\"conditions\":" + "[".repeat(2000) + "]".repeat(2000) + "}", "{\"a\":\"" + "x".repeat(2_000_000) + "\"}",
                "\u0000\u0001\u0002", "{\"enabled\":\"yes\",\"severity\":7}"));
    }

    private static String abbreviate(String body) {
        return body == null ? "none" : body.substring(0, Math.min(80, body.length()));
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
