package io.streamsight.bench.e2e;

import com.sun.net.httpserver.HttpServer;
import io.streamsight.events.AlertIds;
import io.streamsight.events.EventJson;
import io.streamsight.events.Topic;
import io.streamsight.events.Transaction;
import io.streamsight.localstack.stack.StackRun;
import io.streamsight.localstack.tools.DebianTool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The whole default stack through {@code ./streamsight up} (every pipeline, the default feed),
 * with a probe producing fraudulent transactions at a fixed rate and recording each record's
 * Kafka timestamp; an SSE client and a webhook receiver record when each alert arrives. In the
 * same run and on the same broker, the reference: the same producer settings and rate to a topic of
 * its own, read by a plain consumer, i.e. Kafka's own produce -> consume round trip, the floor any
 * Kafka pipeline starts from. Optionally beside {@code stress-ng} CPU burners.
 *
 * <p>Before the measured probe, the same probe runs for {@code --probe-warmup} seconds at the same rate and
 * is reported apart as the cold start: the first minute at ten times the default feed's rate is JIT
 * compilation in every JVM on the path, not the path's steady state.
 *
 * <p>Arguments: {@code --home DIR --rate TX_PER_S --seconds S --warmup S --probe-warmup S --cpu-burners N --out FILE}.
 */
public final class EndToEndBenchmark {

    private static final String REFERENCE_TOPIC = "bench_e2e_round_trip";
    private static final int PROBE_USERS = 10;
    private static final Duration DRAIN = Duration.ofSeconds(30);

    private final Map<String, String> args;
    private final Path home;
    private final int rate;
    private final HttpClient http = HttpClient.newHttpClient();
    /** alert id -> the measured probe transaction's Kafka record timestamp. */
    private final Map<String, Long> sent = new ConcurrentHashMap<>();
    /** The same for the probe's warm-up, reported as the cold start. */
    private final Map<String, Long> sentWarmingUp = new ConcurrentHashMap<>();

    private final Map<String, Long> atSse = new ConcurrentHashMap<>();
    private final Map<String, Long> atWebhook = new ConcurrentHashMap<>();
    private final List<Long> roundTrips = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Long> roundTripsWarmingUp = java.util.Collections.synchronizedList(new ArrayList<>());
    /** partition@offset of each reference record -> the phase's round-trip list it counts in. */
    private final Map<String, List<Long>> referenceSent = new ConcurrentHashMap<>();

    private EndToEndBenchmark(Map<String, String> args) {
        this.args = args;
        this.home = Path.of(args.getOrDefault("home", ".")).toAbsolutePath().normalize();
        this.rate = Integer.parseInt(args.getOrDefault("rate", "200"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        new EndToEndBenchmark(args).run();
    }

    private void run() throws Exception {
        int seconds = Integer.parseInt(args.getOrDefault("seconds", "60"));
        int warmup = Integer.parseInt(args.getOrDefault("warmup", "30"));
        int probeWarmup = Integer.parseInt(args.getOrDefault("probe-warmup", "30"));
        int burners = Integer.parseInt(args.getOrDefault("cpu-burners", "0"));
        progress("starting the stack: ./streamsight up --no-feed");
        List<Process> cpuBurners = new ArrayList<>();
        try (StackRun stack = StackRun.start(home, List.of("--no-feed"))) {
            String bootstrap = stack.bootstrapServers();
            List<String> users = new ArrayList<>();
            for (int u = 0; u < PROBE_USERS; u++) {
                users.add("bench-probe-" + u);
            }
            HttpServer webhook = webhookReceiver();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic(REFERENCE_TOPIC, Topic.TRANSACTIONS.partitions(), (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
                subscribe(stack, webhook, users);
                Thread sse = sseClient(stack, users);
                Thread reference = referenceConsumer(bootstrap);
                for (int b = 0; b < burners; b++) {
                    cpuBurners.add(new ProcessBuilder(DebianTool.STRESS_NG.path(), "--cpu", "1", "--quiet")
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .redirectErrorStream(true)
                            .start());
                }
                progress("stack up; " + burners + " CPU burner(s); warming up for " + warmup
                        + " s with the default feed");
                Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
                progress("probe warm-up: " + rate + " tx/s for " + probeWarmup + " s, reported as the cold start");
                produce(bootstrap, users, probeWarmup, sentWarmingUp, roundTripsWarmingUp);
                progress("measured probe: " + rate + " tx/s for " + seconds + " s");
                produce(bootstrap, users, seconds, sent, roundTrips);
                progress("probe done; draining for " + DRAIN.toSeconds() + " s");
                long deadline = System.nanoTime() + DRAIN.toNanos();
                while (System.nanoTime() < deadline && (atSse.size() < sent.size() || atWebhook.size() < sent.size())) {
                    Thread.sleep(500);
                }
                sse.interrupt();
                reference.interrupt();
                report(seconds, burners);
            } finally {
                webhook.stop(0);
                ((java.util.concurrent.ExecutorService) webhook.getExecutor()).shutdownNow();
            }
        } finally {
            for (Process burner : cpuBurners) {
                burner.descendants().forEach(ProcessHandle::destroy);
                burner.destroy();
            }
        }
        progress("stack stopped");
    }

    /** Probe and reference producers side by side at the same rate, same settings, one record each per tick. */
    private void produce(
            String bootstrap, List<String> users, int seconds, Map<String, Long> into, List<Long> referenceInto)
            throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                0);
        try (KafkaProducer<String, String> probe =
                        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
                KafkaProducer<String, String> reference =
                        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            long period = TimeUnit.SECONDS.toNanos(1) / rate;
            long next = System.nanoTime();
            int total = rate * seconds;
            for (int i = 0; i < total; i++) {
                LockSupport.parkNanos(next - System.nanoTime());
                next += period;
                String user = users.get(i % users.size());
                Transaction tx = new Transaction(
                        "bench-e2e-" + System.nanoTime() + "-" + i,
                        user,
                        new BigDecimal("12000.00"),
                        "EUR",
                        "BenchShop",
                        "Electronics",
                        "Madrid",
                        Instant.now());
                String value = EventJson.write(tx);
                String alertId = AlertIds.of(AlertIds.FRAUD, tx.transactionId());
                probe.send(new ProducerRecord<>(Topic.TRANSACTIONS.topicName(), user, value), (metadata, error) -> {
                    if (error == null) {
                        into.put(alertId, metadata.timestamp());
                    }
                });
                reference.send(new ProducerRecord<>(REFERENCE_TOPIC, user, value), (metadata, error) -> {
                    if (error == null) {
                        referenceSent.put(metadata.partition() + "@" + metadata.offset(), referenceInto);
                    }
                });
                if (i > 0 && i % (rate * 10) == 0) {
                    progress(String.format(
                            Locale.ROOT,
                            "probe %d / %d sent; %d alerts at SSE, %d at the webhook",
                            i,
                            total,
                            atSse.size(),
                            atWebhook.size()));
                }
            }
        }
    }

    private HttpServer webhookReceiver() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            long now = System.currentTimeMillis();
            exchange.getRequestBody().readAllBytes();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (key != null) {
                atWebhook.putIfAbsent(key, now);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }

    private void subscribe(StackRun stack, HttpServer webhook, List<String> users) throws Exception {
        String body = "{\"url\":\"http://127.0.0.1:" + webhook.getAddress().getPort()
                + "/hook\",\"secret\":\"bench-e2e-webhook-secret\"," + "\"filter\":{\"user_id\":[\""
                + String.join("\",\"", users) + "\"]}}";
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(stack.alertService("/subscriptions"))
                        .header("Authorization", "Bearer " + stack.subscriptionToken())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(
                    "webhook subscription refused: " + response.statusCode() + " " + response.body());
        }
    }

    /** One SSE client reading the probe users' alerts line by line, stamping each on arrival. */
    private Thread sseClient(StackRun stack, List<String> users) throws Exception {
        java.net.Socket socket = new java.net.Socket(
                InetAddress.getLoopbackAddress(), stack.alertService("/").getPort());
        socket.getOutputStream()
                .write(("GET /alerts/stream?user_id=" + String.join(",", users) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                + "Accept: text/event-stream\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        Thread reader = new Thread(
                () -> {
                    try (socket;
                            BufferedReader in = new BufferedReader(
                                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = in.readLine();
                                line != null && !Thread.currentThread().isInterrupted();
                                line = in.readLine()) {
                            long now = System.currentTimeMillis();
                            int at = line.indexOf("\"alert_id\":\"");
                            if (line.startsWith("data:") && at >= 0) {
                                int start = at + "\"alert_id\":\"".length();
                                atSse.putIfAbsent(line.substring(start, line.indexOf('"', start)), now);
                            }
                        }
                    } catch (IOException e) {
                        // closed at the end of the run
                    }
                },
                "sse-client");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private Thread referenceConsumer(String bootstrap) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < Topic.TRANSACTIONS.partitions(); p++) {
            partitions.add(new TopicPartition(REFERENCE_TOPIC, p));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Thread thread = new Thread(
                () -> {
                    try (consumer) {
                        while (!Thread.currentThread().isInterrupted()) {
                            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                                long roundTrip = System.currentTimeMillis() - record.timestamp();
                                // The consumer may read a record before its producer's callback ran: wait for the
                                // phase.
                                String position = record.partition() + "@" + record.offset();
                                List<Long> phase = referenceSent.get(position);
                                for (int spins = 0; phase == null && spins < 100; spins++) {
                                    Thread.sleep(1);
                                    phase = referenceSent.get(position);
                                }
                                (phase == null ? roundTrips : phase).add(roundTrip);
                            }
                        }
                    } catch (org.apache.kafka.common.errors.InterruptException | InterruptedException e) {
                        // the run is over
                    }
                },
                "reference-consumer");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void report(int seconds, int burners) throws IOException {
        List<Long> sse = latencies(atSse, sent);
        List<Long> webhook = latencies(atWebhook, sent);
        List<Long> reference = sorted(roundTrips);
        long missingSse = missing(sent, atSse);
        long missingWebhook = missing(sent, atWebhook);
        System.out.printf(
                Locale.ROOT,
                "%nEnd-to-end, %d tx/s for %d s after a %d-transaction warm-up, %d CPU burner(s); "
                        + "%d probe transactions acknowledged%n",
                rate,
                seconds,
                sentWarmingUp.size(),
                burners,
                sent.size());
        System.out.printf(
                Locale.ROOT, "%-44s %8s %8s %8s %8s %8s%n", "path", "p50 ms", "p99 ms", "max ms", "count", "missing");
        row("transaction -> alert at SSE client", sse, missingSse);
        row("transaction -> alert at webhook", webhook, missingWebhook);
        row("reference: Kafka produce -> consume", reference, 0);
        row("cold start (warm-up): -> SSE client", latencies(atSse, sentWarmingUp), missing(sentWarmingUp, atSse));
        row("cold start (warm-up): -> webhook", latencies(atWebhook, sentWarmingUp), missing(sentWarmingUp, atWebhook));
        row("cold start (warm-up): reference", sorted(roundTripsWarmingUp), 0);
        System.out.printf(
                Locale.ROOT,
                "ratio SSE / reference: p50 %.1f, p99 %.1f%n",
                ratio(sse, reference, 0.5),
                ratio(sse, reference, 0.99));
        String json = String.format(
                Locale.ROOT,
                "{\"rate\":%d,\"seconds\":%d,\"cpu_burners\":%d,\"sent\":%d,"
                        + "\"sse\":%s,\"webhook\":%s,\"reference\":%s,\"missing_sse\":%d,\"missing_webhook\":%d,"
                        + "\"cold_start_sse\":%s,\"cold_start_webhook\":%s}%n",
                rate,
                seconds,
                burners,
                sent.size(),
                stats(sse),
                stats(webhook),
                stats(reference),
                missingSse,
                missingWebhook,
                stats(latencies(atSse, sentWarmingUp)),
                stats(latencies(atWebhook, sentWarmingUp)));
        Path out = Path.of(args.getOrDefault("out", "e2e-benchmark.json"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, json);
        System.out.println("summary: " + out.toAbsolutePath());
    }

    private static List<Long> sorted(List<Long> synchronizedList) {
        List<Long> copy;
        synchronized (synchronizedList) {
            copy = new ArrayList<>(synchronizedList);
        }
        copy.sort(null);
        return copy;
    }

    private static long missing(Map<String, Long> produced, Map<String, Long> arrivals) {
        return produced.keySet().stream()
                .filter(id -> !arrivals.containsKey(id))
                .count();
    }

    private static List<Long> latencies(Map<String, Long> arrivals, Map<String, Long> produced) {
        List<Long> result = new ArrayList<>();
        arrivals.forEach((id, at) -> {
            Long producedAt = produced.get(id);
            if (producedAt != null) {
                result.add(at - producedAt);
            }
        });
        result.sort(null);
        return result;
    }

    private static void row(String path, List<Long> sorted, long missing) {
        System.out.printf(
                Locale.ROOT,
                "%-44s %8d %8d %8d %8d %8d%n",
                path,
                percentile(sorted, 0.5),
                percentile(sorted, 0.99),
                sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1),
                sorted.size(),
                missing);
    }

    private static String stats(List<Long> sorted) {
        return String.format(
                Locale.ROOT,
                "{\"p50_ms\":%d,\"p99_ms\":%d,\"max_ms\":%d,\"count\":%d}",
                percentile(sorted, 0.5),
                percentile(sorted, 0.99),
                sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1),
                sorted.size());
    }

    private static double ratio(List<Long> ours, List<Long> reference, double p) {
        return (double) percentile(ours, p) / Math.max(1, percentile(reference, p));
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static void progress(String message) {
        System.out.println(
                "[e2e-bench " + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "] " + message);
    }
}
