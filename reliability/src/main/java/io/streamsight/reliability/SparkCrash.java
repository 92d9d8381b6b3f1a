package io.streamsight.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.streamsight.events.AlertIds;
import io.streamsight.events.EventJson;
import io.streamsight.events.RawEvent;
import io.streamsight.events.Topic;
import io.streamsight.events.Transaction;
import io.streamsight.kafka.ProducerDurability;
import io.streamsight.localstack.broker.TopicContents;
import io.streamsight.localstack.recompute.AnalyticsWindows;
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
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code kill -9} of both Spark JVMs (spark-fraud, the real-time fraud query, and spark-app, every
 * other pipeline) three times while transactions arrive at {@code rate} a second, and raw events at
 * a quarter of that, the launcher restarting them each time. One transaction in twenty is a 12,000
 * EUR payment, which the default rules must turn into a fraud alert with a known id; the others are
 * small and alert on no stateless rule. Counted by alert id at a webhook receiver (every delivery,
 * with its {@code Idempotency-Key}) and an SSE client that resumes with {@code Last-Event-ID}:
 * every expected alert must arrive at both; a repeat at the webhook is reported with whether it
 * carried the same idempotency key. Once the micro-batch pipelines have caught up, the latest value
 * of every analytics window of this scenario's users and location is compared with a
 * recomputation from the acknowledged transactions, and the ETL's Parquet output, as a Spark reader
 * sees it, is counted for each acknowledged raw event.
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
    private static final int RAW_EVENT_EVERY = 4;
    private static final String USER_PREFIX = "crash-user-";
    private static final String EVENT_PREFIX = "crash-event-";
    private static final List<Topic> ANALYTICS = List.of(Topic.USER_SPEND, Topic.TRANSACTION_ANALYTICS);
    /** The consumer group spark-app commits each micro-batch pipeline's progress to, and the topic it reads. */
    private static final Map<String, Topic> INPUT_OF_GROUP =
            Map.of("streamsight-spark-analytics", Topic.TRANSACTIONS, "streamsight-spark-etl", Topic.RAW_EVENTS);

    private final Path home;
    private final int rate;
    private final int seconds;
    private final Path out;
    private final HttpClient http = HttpClient.newHttpClient();
    /** fraud alert id -> the transaction's Kafka timestamp, for every acknowledged fraudulent transaction. */
    private final Map<String, Long> expected = new ConcurrentHashMap<>();

    private final Queue<Transaction> acknowledged = new ConcurrentLinkedQueue<>();
    private final Set<String> acknowledgedEvents = ConcurrentHashMap.newKeySet();
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
        List<String> outputs;
        try (StackRun stack = StackRun.start(home, List.of("--no-feed"));
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
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
            Map<TopicPartition, Long> produced = PartitionOffsets.of(
                    admin,
                    INPUT_OF_GROUP.values().stream().map(Topic::topicName).toList(),
                    OffsetSpec::latest);
            long drainStarted = System.nanoTime();
            long deadline = drainStarted + TimeUnit.MINUTES.toNanos(DRAIN_MINUTES);
            while (System.nanoTime() < deadline && (missing(webhookDeliveries) > 0 || missing(sseSeen) > 0)) {
                Thread.sleep(1000);
            }
            drainSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - drainStarted);
            running = false;
            receiver.stop(0);
            outputs = microBatchOutputs(stack, admin, produced);
        }
        String report = report(kills, drainSeconds, outputs);
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
            while (!stack.replaced(jvm, killed.get(jvm))) {
                Thread.sleep(200);
            }
        }
        long restarted = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAt);
        progress("restarted by the launcher after " + restarted + " s");
        return killed.values() + " -> new JVMs after " + restarted + " s";
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
                String user = USER_PREFIX + (i % USERS);
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
                            acknowledged.add(tx);
                            if (fraud) {
                                expected.put(alertId, metadata.timestamp());
                            }
                        });
                if (i % RAW_EVENT_EVERY == 0) {
                    RawEvent event = new RawEvent(EVENT_PREFIX + i, user, "login", "{}", tx.timestamp());
                    producer.send(
                            new ProducerRecord<>(Topic.RAW_EVENTS.topicName(), user, EventJson.write(event)),
                            (metadata, error) -> {
                                if (error != null) {
                                    sendErrors.incrementAndGet();
                                } else {
                                    acknowledgedEvents.add(event.eventId());
                                }
                            });
                }
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

    /**
     * Waits until the analytics and ETL queries have committed everything produced, then compares
     * their outputs for this scenario's keys with what the acknowledged records make them.
     */
    private List<String> microBatchOutputs(StackRun stack, Admin admin, Map<TopicPartition, Long> produced)
            throws Exception {
        progress("waiting for the analytics and ETL queries to commit what was produced");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(DRAIN_MINUTES);
        List<String> behind = List.copyOf(INPUT_OF_GROUP.keySet());
        while (!behind.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            List<String> stillBehind = new ArrayList<>();
            for (String group : behind) {
                if (!committed(admin, group, produced)) {
                    stillBehind.add(group);
                }
            }
            behind = stillBehind;
        }
        List<String> rows = new ArrayList<>();
        if (!behind.isEmpty()) {
            rows.add("| outputs compared | no: " + behind + " had not committed the produced offsets after "
                    + DRAIN_MINUTES + " minutes |");
            return rows;
        }
        for (Topic topic : ANALYTICS) {
            Map<String, String> written = ours(AnalyticsWindows.latest(
                    topic, TopicContents.readAll(stack.bootstrapServers(), List.of(topic.topicName()))));
            Map<String, String> recomputed = AnalyticsWindows.recomputed(topic, acknowledged);
            long differing = recomputed.entrySet().stream()
                    .filter(w -> written.containsKey(w.getKey())
                            && !written.get(w.getKey()).equals(w.getValue()))
                    .count();
            long missing = recomputed.keySet().stream()
                    .filter(w -> !written.containsKey(w))
                    .count();
            long extra = written.keySet().stream()
                    .filter(w -> !recomputed.containsKey(w))
                    .count();
            rows.add(String.format(
                    Locale.ROOT,
                    "| %s windows recomputed / equal / differing / missing / not expected | %,d / %,d / %d / %d / %d |",
                    topic.topicName(),
                    recomputed.size(),
                    recomputed.size() - differing - missing,
                    differing,
                    missing,
                    extra));
        }
        Map<String, Long> timesWritten;
        try {
            timesWritten = EtlOutput.timesWritten(stack.dataDir().resolve("etl"), EVENT_PREFIX);
        } catch (Exception e) {
            // The other figures are still worth a report when the Parquet output cannot be read.
            rows.add("| Parquet output read | no: " + e + " |");
            return rows;
        }
        rows.add(String.format(
                Locale.ROOT,
                "| raw events acknowledged / in the Parquet output / missing / written more than once / not sent | "
                        + "%,d / %,d / %d / %d / %d |",
                acknowledgedEvents.size(),
                timesWritten.size(),
                acknowledgedEvents.stream()
                        .filter(id -> !timesWritten.containsKey(id))
                        .count(),
                timesWritten.values().stream().filter(n -> n > 1).count(),
                timesWritten.keySet().stream()
                        .filter(id -> !acknowledgedEvents.contains(id))
                        .count()));
        return rows;
    }

    /** This scenario's windows only: the stack's own feed writes other users and places. */
    private static Map<String, String> ours(Map<String, String> windows) {
        Map<String, String> ours = new TreeMap<>();
        windows.forEach((window, value) -> {
            if (window.startsWith(USER_PREFIX) || window.startsWith(LOCATION + "@")) {
                ours.put(window, value);
            }
        });
        return ours;
    }

    /** Whether {@code group} has committed at least the {@code produced} offset of every partition of its input. */
    private static boolean committed(Admin admin, String group, Map<TopicPartition, Long> produced) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
        String input = INPUT_OF_GROUP.get(group).topicName();
        return produced.entrySet().stream()
                .filter(p -> p.getKey().topic().equals(input))
                .allMatch(p -> offsets.containsKey(p.getKey())
                        && offsets.get(p.getKey()).offset() >= p.getValue());
    }

    private String report(List<String> kills, long drainSeconds, List<String> outputs) {
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
                acknowledged.size(),
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
        outputs.forEach(row -> md.append(row).append('\n'));
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
