package io.streamsight.localstack.fuzz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Random requests at a service's endpoints: methods, path segments, query strings, tokens, content
 * types and bodies (malformed, oversized, deeply nested, of the wrong JSON shape, some sent chunked).
 * Seeded, so a failing request can be replayed; each service's test names its own paths and bodies,
 * and the hostile values every HTTP API must survive are added here.
 */
public final class RestFuzzer {

    /** Requests whose answer may stay open (an SSE stream): a timeout there is an accepted stream, not a failure. */
    public record Target(
            URI base,
            List<String> paths,
            List<String> queries,
            List<String> bodies,
            List<String> tokens,
            List<String> streamingPaths) {}

    /** The answers by status, the requests that got a 5xx, and refusals that came without a problem body. */
    public record Report(
            Map<Integer, Integer> statuses, List<String> serverErrors, List<String> refusalsWithoutProblem) {}

    /**
     * Refused by the HTTP server before any handler runs (method not routed, request line or headers
     * over the server's limits), where no problem body can be written.
     */
    private static final Set<Integer> REFUSED_BEFORE_ROUTING = Set.of(405, 414, 431);

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");
    private static final List<String> SEGMENTS =
            List.of("x", "%2e%2e", "a".repeat(3000), "%00", "%E2%82%AC", "..%2F..%2Fetc", "-1", "ü", "0", "%25ZZ");
    private static final List<String> QUERIES =
            List.of("", "?unknown=1", "?limit=", "?%25ZZ=1", "?a=" + "q".repeat(5000));
    private static final List<String> CONTENT_TYPES = List.of(
            "application/json",
            "text/plain",
            "application/xml",
            "application/json; charset=latin1",
            "multipart/form-data; boundary=x");
    private static final List<String> BODIES = Arrays.asList(
            null,
            "",
            "{",
            "null",
            "[]",
            "42",
            "\"text\"",
            "true",
            "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}",
            "{\"a\":\"" + "x".repeat(2_000_000) + "\"}",
            "\u0000\u0001\u0002",
            "{\"a\":NaN}",
            "{\"a\":1e999999}",
            "\uFEFF{}");
    private static final byte[] INVALID_UTF8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

    private final Target target;
    private final Random random;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public RestFuzzer(Target target, long seed) {
        this.target = target;
        this.random = new Random(seed);
    }

    public Report run(int requests) throws IOException, InterruptedException {
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        List<String> withoutProblem = new ArrayList<>();
        List<String> bodies =
                Stream.concat(BODIES.stream(), target.bodies().stream()).toList();
        List<String> queries =
                Stream.concat(QUERIES.stream(), target.queries().stream()).toList();
        for (int i = 0; i < requests; i++) {
            String path = pick(target.paths()).formatted(pick(SEGMENTS)) + pick(queries);
            String method = pick(METHODS);
            boolean invalidUtf8 = random.nextInt(20) == 0;
            String body = invalidUtf8 ? "<invalid UTF-8>" : pick(bodies);
            boolean chunked = random.nextInt(4) == 0;
            HttpRequest.Builder request = HttpRequest.newBuilder(target.base().resolve(path.substring(1)))
                    .timeout(Duration.ofSeconds(10))
                    .method(method, publisher(invalidUtf8 ? INVALID_UTF8 : bytes(body), chunked))
                    .header("Content-Type", pick(CONTENT_TYPES));
            String token = pick(target.tokens());
            if (!token.isEmpty()) {
                request.header("Authorization", token);
            }
            if (random.nextBoolean()) {
                request.header(
                        "Last-Event-ID", pick(List.of("garbage", "fraud_alerts-0:-5", "x-1:2,,", "fraud_alerts-99:1")));
            }
            String described =
                    method + " " + abbreviate(path) + (chunked ? " chunked" : "") + " body " + abbreviate(body);
            HttpResponse<InputStream> response;
            try {
                // an input stream handler returns at the headers, so an accepted event stream does not hold the run
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                response.body().close();
            } catch (HttpTimeoutException timeout) {
                if (!target.streamingPaths().stream().anyMatch(path::startsWith)) {
                    serverErrors.add("no answer in 10 s to " + described);
                }
                continue;
            }
            int status = response.statusCode();
            statuses.merge(status, 1, Integer::sum);
            if (status >= 500) {
                serverErrors.add(status + " for " + described);
            } else if (status >= 400
                    && !REFUSED_BEFORE_ROUTING.contains(status)
                    && !path.startsWith("/q/")
                    && !method.equals("HEAD")
                    && !response.headers()
                            .firstValue("Content-Type")
                            .orElse("")
                            .startsWith("application/problem+json")) {
                withoutProblem.add(status + " without a problem body for " + described);
            }
        }
        return new Report(statuses, serverErrors, withoutProblem);
    }

    private HttpRequest.BodyPublisher publisher(byte[] body, boolean chunked) {
        if (body == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        // an InputStream publisher has no known length, so the client sends it with Transfer-Encoding: chunked
        return chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
    }

    private static byte[] bytes(String body) {
        return body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text == null ? "none" : text.substring(0, Math.min(80, text.length()));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
