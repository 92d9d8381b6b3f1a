package io.streamsight.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.streamsight.events.AlertIds;
import io.streamsight.events.EventJson;
import io.streamsight.events.Topic;
import io.streamsight.events.Transaction;
import io.streamsight.kafka.ProducerDurability;
import io.streamsight.localstack.stack.StackRun;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code kill -9} of both Spark JVMs (spark-fraud, the real-time fraud query, and spark-app, every
 * other pipeline) three times while transactions arrive at {@code rate} a second, the launcher
 * restarting them each time. One transaction in twenty is a 12,000 EUR payment, which the default
 * rules must turn into a fraud alert with a known id; the others are small and alert on no
 * stateless rule. Counted by alert id at a webhook receiver (every delivery, with its
 * {@code Idempotency-Key}) and an SSE client that resumes with {@code Last-Event-ID}: every
 * expected alert must arrive at both; a repeat at the webhook is reported with whether it carried
 * the same idempotency key.
 */
public final class SparkCrash {

    /** Many users, so that no user pays often enough to trip the velocity pattern: only the expected alerts. */
    private static final int USERS = 100_000;
    /** Every transaction's location: the receivers subscribe to it, so they see this scenario's alerts only. */
    private static final String LOCATION = "Crashtown";

    private static final int FRAUD_EVERY = 20;
    private static final int KILLS = 3;
    private static final List<String> SPARK_JVMS = List.of("spark-fraud", "spark-app");
    private static final long DRAIN_MINUTES = 10;

    private final Path home;
    private final int rate;
    private final int seconds;
    private final Path out;
    private final HttpClient http = HttpClient.newHttpClient();
    /** fraud alert id -> the transaction's Kafka timestamp, for every acknowledged fraudulent transaction. */
    private final Map<String, Long> expected = new ConcurrentHashMap<>();

    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    /** alert id -> deliveries to the webhook (2xx answered), and the first arrival. */
    private final Map<String, Integer> webhookDeliveries = new ConcurrentHashMap<>();

    private final Map<String, Long> webhookFirst = new ConcurrentHashMap<>();
    private final AtomicLong keyMismatches = new AtomicLong();
    /** alert id -> times the SSE client saw it. */
    private final Map<String, Integer> sseSeen = new ConcurrentHashMap<>();

    private final AtomicLong sseReconnects = new AtomicLong();
    private volatile boolean running = true;

    private SparkCrash(Map<String, String> args) {
        home = Path.of(args.getOrDefault("home", ".")).toAbsolutePath().normalize();
        rate = Integer.parseInt(args.getOrDefault("rate", "1000"));
        seconds = Integer.parseInt(args.getOrDefault("seconds", "240"));
        out = Path.of(args.getOrDefault("out", "spark-crash.md"));
    }

    public static void main(String[] argv) throws Exception {
        new SparkCrash(ScenarioArguments.parse(argv)).run();
    }

    private void run() throws Exception {
        progress("starting the stack: ./streamsight up --no-feed (every pipeline)");
        List<String> kills = new ArrayList<>();
        long drainSeconds;
        try (StackRun stack = StackRun.start(home, List.of("--no-feed"))) {
            HttpServer receiver = Webhooks.receiver(0, this::receive);
            Webhooks.subscribe(http, stack, receiver.getAddress().getPort(), "location", List.of(LOCATION));
            Thread sse = new Thread(() -> followSse(stack), "crash-sse");
            sse.setDaemon(true);
            sse.start();
            Thread producer = new Thread(() -> produce(stack), "crash-producer");
            producer.start();
            for (int kill = 1; kill <= KILLS; kill++) {
                Thread.sleep(TimeUnit.SECONDS.toMillis(seconds) / (KILLS + 1));
                kills.add(killSpark(stack));
            }
            producer.join();
            long drainStarted = System.nanoTime();
            long deadline = drainStarted + TimeUnit.MINUTES.toNanos(DRAIN_MINUTES);
            while (System.nanoTime() < deadline && (missing(webhookDeliveries) > 0 || missing(sseSeen) > 0)) {
                Thread.sleep(1000);
            }
            drainSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - drainStarted);
            running = false;
            receiver.stop(0);
        }
        String report = report(kills, drainSeconds);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    /** Kills both Spark JVMs and waits until the launcher has started new ones; says how long that took. */
    private String killSpark(StackRun stack) throws Exception {
        Map<String, Long> killed = new ConcurrentHashMap<>();
        for (String jvm : SPARK_JVMS) {
            long pid = stack.pid(jvm);
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            killed.put(jvm, pid);
        }
        long killedAt = System.nanoTime();
        progress("kill -9 " + killed + "; " + webhookFirst.size() + " alerts at the webhook so far");
        for (String jvm : SPARK_JVMS) {
            while (!restarted(stack, jvm, killed.get(jvm))) {
                Thread.sleep(200);
            }
        }
        long restarted = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAt);
        progress("restarted by the launcher after " + restarted + " s");
        return killed.values() + " -> new JVMs after " + restarted + " s";
    }

    /** Whether the launcher's state names a live JVM for {@code jvm} other than {@code killed}. */
    private static boolean restarted(StackRun stack, String jvm, long killed) {
        try {
            long pid = stack.pid(jvm);
            return pid != killed
                    && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | IllegalStateException e) {
            return false;
        }
    }

    private void produce(StackRun stack) {
        Map<String, Object> config = ProducerDurability.imposedOn(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 5));
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            long period = TimeUnit.SECONDS.toNanos(1) / rate;
            long next = System.nanoTime();
            long total = (long) rate * seconds;
            for (long i = 0; i < total; i++) {
                LockSupport.parkNanos(next - System.nanoTime());
                next += period;
                String user = "crash-user-" + (i % USERS);
                boolean fraud = i % FRAUD_EVERY == 0;
                Transaction tx = new Transaction(
                        "crash-" + i,
                        user,
                        fraud ? new BigDecimal("12000.00") : BigDecimal.valueOf((10 + i % 80) * 100, 2),
                        "EUR",
                        fraud ? "CrashShop" : "Corner shop",
                        fraud ? "Electronics" : "Groceries",
                        LOCATION,
                        Instant.now());
                String alertId = AlertIds.of(AlertIds.FRAUD, tx.transactionId());
                producer.send(
                        new ProducerRecord<>(Topic.TRANSACTIONS.topicName(), user, EventJson.write(tx)),
                        (metadata, error) -> {
                            if (error != null) {
                                sendErrors.incrementAndGet();
                                return;
                            }
                            acknowledged.incrementAndGet();
                            if (fraud) {
                                expected.put(alertId, metadata.timestamp());
                            }
                        });
            }
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        long now = System.currentTimeMillis();
        try (exchange) {
            JsonNode alert =
                    EventJson.mapper().readTree(exchange.getRequestBody().readAllBytes());
            String id = alert.path("alert_id").asText();
            if (!id.equals(exchange.getRequestHeaders().getFirst("Idempotency-Key"))) {
                keyMismatches.incrementAndGet();
            }
            webhookDeliveries.merge(id, 1, Integer::sum);
            webhookFirst.putIfAbsent(id, now);
            exchange.sendResponseHeaders(204, -1);
        }
    }

    /** Reads {@code /alerts/stream} for as long as the scenario runs, resuming with Last-Event-ID after a break. */
    private void followSse(StackRun stack) {
        String lastEventId = null;
        while (running) {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            stack.alertService("/alerts/stream?location=" + LOCATION))
                    .header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            try {
                HttpResponse<InputStream> response =
                        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader lines =
                        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while (running && (line = lines.readLine()) != null) {
                        if (line.startsWith("id:")) {
                            lastEventId = line.substring(3).trim();
                        } else if (line.startsWith("data:")) {
                            String id = EventJson.mapper()
                                    .readTree(line.substring(5).trim())
                                    .path("alert_id")
                                    .asText();
                            sseSeen.merge(id, 1, Integer::sum);
                        }
                    }
                }
            } catch (IOException e) {
                sseReconnects.incrementAndGet();
                pause(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private long missing(Map<String, Integer> arrived) {
        return expected.keySet().stream().filter(id -> !arrived.containsKey(id)).count();
    }

    private String report(List<String> kills, long drainSeconds) {
        Set<String> ids = expected.keySet();
        long webhookRepeats = ids.stream()
                .mapToLong(id -> Math.max(0, webhookDeliveries.getOrDefault(id, 0) - 1))
                .sum();
        long repeatedAlerts = ids.stream()
                .filter(id -> webhookDeliveries.getOrDefault(id, 0) > 1)
                .count();
        long sseRepeats = ids.stream()
                .mapToLong(id -> Math.max(0, sseSeen.getOrDefault(id, 0) - 1))
                .sum();
        List<Long> latencies = ids.stream()
                .filter(webhookFirst::containsKey)
                .map(id -> webhookFirst.get(id) - expected.get(id))
                .sorted()
                .toList();
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                Locale.ROOT,
                "Spark crash: %d transactions/s for %d s (one in %d fraudulent, %d users), both Spark JVMs "
                        + "killed with SIGKILL %d times, every pipeline running.%n%n",
                rate,
                seconds,
                FRAUD_EVERY,
                USERS,
                KILLS));
        kills.forEach(k -> md.append("- kill: ").append(k).append('\n'));
        md.append(String.format(
                Locale.ROOT,
                "%n| measure | value |%n|---|---|%n"
                        + "| transactions acknowledged / send errors | %,d / %d |%n"
                        + "| fraud alerts expected | %,d |%n"
                        + "| at the webhook: missing | %d |%n"
                        + "| at the webhook: repeated deliveries (alerts repeated) | %d (%d), idempotency key wrong on %d |%n"
                        + "| over SSE: missing | %d |%n"
                        + "| over SSE: shown twice | %d (reconnects %d) |%n"
                        + "| webhook latency p50 / p99 / max ms (transaction -> first delivery) | %s / %s / %s |%n"
                        + "| backlog done after production ended | %d s |%n",
                acknowledged.get(),
                sendErrors.get(),
                ids.size(),
                missing(webhookDeliveries),
                webhookRepeats,
                repeatedAlerts,
                keyMismatches.get(),
                missing(sseSeen),
                sseRepeats,
                sseReconnects.get(),
                Latencies.percentile(latencies, 0.50),
                Latencies.percentile(latencies, 0.99),
                latencies.isEmpty() ? "–" : latencies.get(latencies.size() - 1).toString(),
                drainSeconds));
        return md.toString();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void progress(String message) {
        System.out.println("[crash " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
    }
}
