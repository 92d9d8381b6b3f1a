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
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The whole stack with two webhook receivers, each subscribed to its own users, and fraudulent
 * transactions for both at a fixed rate. The "failing" receiver answers normally for 30 s, then
 * refuses connections for 60 s (nothing listens on its port), answers 500 for 30 s, takes 5 s per
 * request for 30 s, then recovers. The report gives the healthy receiver's latency (alert
 * detected -> received) per phase beside the baseline, and for the failing one: every alert
 * delivered after recovery or not, per-user order, how long the backlog took, and what went to
 * {@code alert_deliveries_dlq}.
 *
 * <p>Arguments: {@code --home DIR --rate ALERTS_PER_S --out FILE [--pipelines a,b]}: with
 * {@code --pipelines fraud} only the real-time fraud query runs beside the services, so that the
 * healthy receiver's tail is not the tail of a machine saturated by every other pipeline.
 */
public final class ReceiverOutage {

    private static final int USERS_EACH = 10;
    private static final int PHASE_SECONDS = 30;
    private static final List<String> PHASES =
            List.of("baseline", "refused", "refused", "500", "slow 5 s", "recovered");
    private static final long DRAIN_MINUTES = 10;

    private final Path home;
    private final int rate;
    private final Path out;
    private final List<String> stackOptions;
    private final HttpClient http = HttpClient.newHttpClient();
    /** The rule alert each acknowledged transaction must give -> the transaction's Kafka timestamp, per receiver. */
    private final Map<String, Long> sentHealthy = new ConcurrentHashMap<>();

    private final Map<String, Long> sentFailing = new ConcurrentHashMap<>();
    /** rule alert id -> the transaction's sequence number within its user. */
    private final Map<String, Integer> sequence = new ConcurrentHashMap<>();
    /** alert id -> arrival millis, first 2xx answer only (a retried alert counts once); pattern alerts arrive too. */
    private final Map<String, Long> atHealthy = new ConcurrentHashMap<>();

    private final Map<String, Long> atFailing = new ConcurrentHashMap<>();
    /** alert id -> its detected_at millis, healthy receiver: what the hop after Spark (Kafka + alert-service) took. */
    private final Map<String, Long> detectedHealthy = new ConcurrentHashMap<>();
    /** per user, the alert ids in the order the failing receiver accepted them. */
    private final Map<String, List<String>> failingOrder = new ConcurrentHashMap<>();

    private volatile String failingMode = "ok";

    private ReceiverOutage(Map<String, String> args) {
        home = Path.of(args.getOrDefault("home", ".")).toAbsolutePath().normalize();
        rate = Integer.parseInt(args.getOrDefault("rate", "50"));
        out = Path.of(args.getOrDefault("out", "receiver-outage.md"));
        stackOptions = ScenarioArguments.stackOptions(args);
    }

    public static void main(String[] argv) throws Exception {
        new ReceiverOutage(ScenarioArguments.parse(argv)).run();
    }

    private void run() throws Exception {
        List<String> healthyUsers = users("outage-healthy");
        List<String> failingUsers = users("outage-failing");
        progress("starting the stack: ./streamsight up " + String.join(" ", stackOptions));
        long drainSeconds;
        long dlq;
        try (StackRun stack = StackRun.start(home, stackOptions)) {
            HttpServer healthy = Webhooks.receiver(0, exchange -> receive(exchange, atHealthy, null));
            HttpServer failing = Webhooks.receiver(0, exchange -> receive(exchange, atFailing, failingOrder));
            int failingPort = failing.getAddress().getPort();
            Webhooks.subscribe(http, stack, healthy.getAddress().getPort(), "user_id", healthyUsers);
            Webhooks.subscribe(http, stack, failingPort, "user_id", failingUsers);
            Thread producer = new Thread(() -> produce(stack, healthyUsers, failingUsers), "outage-producer");
            producer.start();
            for (int phase = 1; phase < PHASES.size(); phase++) {
                Thread.sleep(TimeUnit.SECONDS.toMillis(PHASE_SECONDS));
                String mode = PHASES.get(phase);
                progress("phase " + mode + "; so far " + atHealthy.size() + " alerts at the healthy receiver, "
                        + atFailing.size() + " at the failing one");
                if (mode.equals("refused") && failing != null) {
                    failing.stop(0);
                    failing = null;
                } else if (!mode.equals("refused") && failing == null) {
                    failing = Webhooks.receiver(failingPort, exchange -> receive(exchange, atFailing, failingOrder));
                }
                failingMode = mode;
            }
            producer.join();
            long drainStarted = System.nanoTime();
            long deadline = drainStarted + TimeUnit.MINUTES.toNanos(DRAIN_MINUTES);
            while (System.nanoTime() < deadline
                    && (delivered(sentFailing, atFailing) < sentFailing.size()
                            || delivered(sentHealthy, atHealthy) < sentHealthy.size())) {
                Thread.sleep(1000);
            }
            drainSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - drainStarted);
            dlq = deadLetters(stack);
            healthy.stop(0);
            failing.stop(0);
        }
        String report = report(healthyUsers, failingUsers, drainSeconds, dlq);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    private static List<String> users(String prefix) {
        List<String> users = new ArrayList<>();
        for (int u = 0; u < USERS_EACH; u++) {
            users.add(prefix + "-" + u);
        }
        return users;
    }

    private static long delivered(Map<String, Long> sent, Map<String, Long> arrived) {
        return sent.keySet().stream().filter(arrived::containsKey).count();
    }

    /** Fraudulent transactions (12,000 EUR) for both receivers' users, alternately, at {@code rate} for every phase. */
    private void produce(StackRun stack, List<String> healthyUsers, List<String> failingUsers) {
        Map<String, Object> config =
                ProducerDurability.imposedOn(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            long period = TimeUnit.SECONDS.toNanos(1) / rate;
            long next = System.nanoTime();
            long total = (long) rate * PHASE_SECONDS * PHASES.size();
            for (int i = 0; i < total; i++) {
                LockSupport.parkNanos(next - System.nanoTime());
                next += period;
                List<String> users = i % 2 == 0 ? healthyUsers : failingUsers;
                Map<String, Long> sent = i % 2 == 0 ? sentHealthy : sentFailing;
                String user = users.get((i / 2) % users.size());
                int seq = i / 2 / users.size();
                Transaction tx = new Transaction(
                        user + "-" + seq,
                        user,
                        new BigDecimal("12000.00"),
                        "EUR",
                        "OutageShop",
                        "Electronics",
                        "Madrid",
                        Instant.now());
                String alertId = AlertIds.of(AlertIds.FRAUD, tx.transactionId());
                sequence.put(alertId, seq);
                producer.send(
                        new ProducerRecord<>(Topic.TRANSACTIONS.topicName(), user, EventJson.write(tx)),
                        (metadata, error) -> {
                            if (error == null) {
                                sent.put(alertId, metadata.timestamp());
                            }
                        });
            }
        }
    }

    private void receive(HttpExchange exchange, Map<String, Long> arrivals, Map<String, List<String>> order)
            throws IOException {
        long now = System.currentTimeMillis();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String mode = order == null ? "ok" : failingMode;
        try {
            if (mode.equals("500")) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            if (mode.equals("slow 5 s")) {
                Thread.sleep(5000);
            }
            JsonNode alert = EventJson.mapper().readTree(body);
            String id = alert.path("alert_id").asText();
            if (order == null && alert.hasNonNull("detected_at")) {
                detectedHealthy.putIfAbsent(
                        id, Instant.parse(alert.get("detected_at").asText()).toEpochMilli());
            }
            if (arrivals.putIfAbsent(id, now) == null && order != null) {
                order.computeIfAbsent(
                                alert.path("user_id").asText(),
                                u -> java.util.Collections.synchronizedList(new ArrayList<>()))
                        .add(id);
            }
            exchange.sendResponseHeaders(204, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private static long deadLetters(StackRun stack) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            TopicPartition partition = new TopicPartition(Topic.ALERT_DELIVERIES_DLQ.topicName(), 0);
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                    .all()
                    .get()
                    .get(partition)
                    .offset();
        }
    }

    private String report(List<String> healthyUsers, List<String> failingUsers, long drainSeconds, long dlq) {
        StringBuilder md = new StringBuilder();
        long firstSent =
                sentHealthy.values().stream().mapToLong(Long::longValue).min().orElse(0);
        md.append(String.format(
                Locale.ROOT,
                "Receiver outage: %d fraudulent transactions/s for %d s over %d users each for a healthy "
                        + "receiver and a failing one (refused for %d s, then 500, then 5 s a request, %d s each, then recovered). Latency: the "
                        + "transaction's Kafka timestamp -> the receiver's first 2xx answer for its rule alert; after Spark: the "
                        + "alert's detected_at -> that answer (the fraud_alerts hop and alert-service alone). Stack: "
                        + "./streamsight up %s.%n%n",
                rate,
                PHASE_SECONDS * PHASES.size(),
                USERS_EACH,
                2 * PHASE_SECONDS,
                PHASE_SECONDS,
                String.join(" ", stackOptions)));
        md.append(
                "| phase (failing receiver) | healthy: alerts due | received | p50 ms | p99 ms | after Spark p50 ms | after Spark p99 ms |\n|---|---|---|---|---|---|---|\n");
        for (int phase = 0; phase < PHASES.size(); phase++) {
            long from = firstSent + TimeUnit.SECONDS.toMillis((long) phase * PHASE_SECONDS);
            long to = from + TimeUnit.SECONDS.toMillis(PHASE_SECONDS);
            List<Long> latencies = new ArrayList<>();
            List<Long> afterSpark = new ArrayList<>();
            long due = 0;
            for (Map.Entry<String, Long> alert : sentHealthy.entrySet()) {
                if (alert.getValue() >= from && alert.getValue() < to) {
                    due++;
                    Long arrived = atHealthy.get(alert.getKey());
                    if (arrived != null) {
                        latencies.add(arrived - alert.getValue());
                        Long detected = detectedHealthy.get(alert.getKey());
                        if (detected != null) {
                            afterSpark.add(arrived - detected);
                        }
                    }
                }
            }
            latencies.sort(null);
            afterSpark.sort(null);
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %s | %s | %s | %s |%n",
                    PHASES.get(phase) + (phase == 1 ? " (1/2)" : phase == 2 ? " (2/2)" : ""),
                    due,
                    latencies.size(),
                    Latencies.percentile(latencies, 0.50),
                    Latencies.percentile(latencies, 0.99),
                    Latencies.percentile(afterSpark, 0.50),
                    Latencies.percentile(afterSpark, 0.99)));
        }
        long outOfOrder = failingOrder.values().stream()
                .filter(ids -> {
                    synchronized (ids) {
                        List<Integer> seqs = ids.stream()
                                .filter(sentFailing::containsKey)
                                .map(sequence::get)
                                .toList();
                        for (int i = 1; i < seqs.size(); i++) {
                            if (seqs.get(i) < seqs.get(i - 1)) {
                                return true;
                            }
                        }
                        return false;
                    }
                })
                .count();
        long failingDelivered = delivered(sentFailing, atFailing);
        md.append(String.format(
                Locale.ROOT,
                "%nFailing receiver: %d of %d rule alerts delivered (%d missing), %d of %d users out of "
                        + "order; backlog done %d s after production ended; %d records in alert_deliveries_dlq. Healthy receiver: %d of %d. "
                        + "(Both also got the patterns query's alerts for their users: %d and %d in all.)%n",
                failingDelivered,
                sentFailing.size(),
                sentFailing.size() - failingDelivered,
                outOfOrder,
                failingUsers.size(),
                drainSeconds,
                dlq,
                delivered(sentHealthy, atHealthy),
                sentHealthy.size(),
                atFailing.size(),
                atHealthy.size()));
        return md.toString();
    }

    private static void progress(String message) {
        System.out.println("[outage " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
    }
}
