package io.streamsight.generator.synth;

import io.streamsight.events.Topic;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Access-log lines of the shop's web servers: mostly successful traffic, with bursts of errors
 * now and then (a backend outage answering 5xx, or a scanner probing for pages, 4xx), which is
 * what the per-minute error counts should show.
 */
final class WebLogGenerator implements EventGenerator {

    private static final List<String> PAGES = List.of(
            "/",
            "/products",
            "/cart",
            "/checkout",
            "/account",
            "/search?q=laptop",
            "/static/app.js",
            "/static/style.css",
            "/api/orders",
            "/api/recommendations");
    private static final List<String> PROBES =
            List.of("/wp-admin", "/.env", "/phpmyadmin", "/admin.php", "/.git/config");
    private static final List<Integer> SERVER_ERRORS = List.of(500, 502, 503, 504);
    private static final double BURST_START = 0.004;

    private final SeededRandom random;
    private final Population users;
    private Burst burst;
    private int burstLeft;
    private String scanner;

    private enum Burst {
        OUTAGE,
        SCAN
    }

    WebLogGenerator(SeededRandom random, Population users) {
        this.random = random;
        this.users = users;
    }

    @Override
    public void next(Instant at, Consumer<TopicRecord> sink) {
        if (burstLeft == 0 && random.chance(BURST_START)) {
            burst = random.chance(0.5) ? Burst.OUTAGE : Burst.SCAN;
            burstLeft = random.between(20, 80);
            scanner = clientAddress();
        }
        String line;
        if (burstLeft > 0 && random.chance(0.8)) {
            burstLeft--;
            line = burst == Burst.OUTAGE
                    ? CommonLogFormat.format(
                            clientAddress(), null, at, "GET", random.pick(PAGES), random.pick(SERVER_ERRORS), 0)
                    : CommonLogFormat.format(
                            scanner, null, at, "GET", random.pick(PROBES), random.chance(0.9) ? 404 : 403, 0);
        } else {
            line = ordinary(at);
        }
        sink.accept(TopicRecord.text(Topic.WEB_LOGS, line));
    }

    private String ordinary(Instant at) {
        String user = random.chance(0.4) ? users.id(users.anyone(random)) : null;
        String method = random.chance(0.85) ? "GET" : "POST";
        double roll = random.uniform(0, 1);
        int status = roll < 0.9 ? 200 : roll < 0.95 ? 304 : roll < 0.98 ? 404 : roll < 0.995 ? 401 : 500;
        long size = status == 200 ? random.between(200, 60_000) : 0;
        return CommonLogFormat.format(clientAddress(), user, at, method, random.pick(PAGES), status, size);
    }

    private String clientAddress() {
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.between(1, 254);
    }
}
