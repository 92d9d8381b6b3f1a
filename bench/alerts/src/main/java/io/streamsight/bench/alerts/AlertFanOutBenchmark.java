package io.streamsight.bench.alerts;

import com.sun.net.httpserver.HttpServer;
import io.streamsight.events.AlertIds;
import io.streamsight.events.EventJson;
import io.streamsight.events.FraudAlert;
import io.streamsight.events.Severity;
import io.streamsight.events.Topic;
import io.streamsight.localstack.broker.EmbeddedKafka;
import io.streamsight.localstack.process.FreePort;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
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
 * alert-service's fan-out on one embedded broker, each part beside its reference:
 * <ol>
 * <li>latency from an alert's production to each of N SSE clients, at a fixed alert rate, against a
 *     plain Kafka consumer reading the same records (the floor any Kafka-fed service starts from);</li>
 * <li>webhook throughput to a local receiver, against the benchmark posting the same bodies to the
 *     same receiver directly with as many requests in flight as the service has lanes.</li>
 * </ol>
 * The service is the packaged application (target/quarkus-app), started as a process.
 */
public final class AlertFanOutBenchmark {

    private static final String TOKEN = "bench-token";
    /** alert-service's default streamsight.webhooks.lanes: the reference posts with as many requests in flight. */
    private static final int LANES = 16;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path serviceJar =
                Path.of(options.getOrDefault("service-jar", "alert-service/target/quarkus-app/quarkus-run.jar"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "200"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "1000"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        int webhookAlerts = Integer.parseInt(options.getOrDefault("webhook-alerts", "5000"));
        int warmUp = Integer.parseInt(options.getOrDefault("warmup", "20"));
        List<String> serviceJavaOptions =
                options.getOrDefault("service-java-options", "").isBlank()
                        ? List.of()
                        : List.of(options.get("service-java-options").trim().split("\\s+"));
        if (!Files.exists(serviceJar)) {
            throw new IllegalStateException(serviceJar + " missing: ./mvnw -q -pl alert-service package -DskipTests");
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
            int port = FreePort.pick();
            Process service = startService(serviceJar, serviceJavaOptions, kafka.bootstrapServers(), port);
            try {
                URI base = URI.create("http://127.0.0.1:" + port);
                System.out.printf("alert-service up; %d SSE clients, %d alerts/s for %d s%n", clients, rate, seconds);
                sseLatency(kafka.bootstrapServers(), producer, base, service, clients, rate, warmUp, seconds);
                webhookThroughput(producer, base, webhookAlerts);
            } finally {
                service.destroy();
                service.waitFor();
            }
        }
    }

    /** Alerts detected before this instant are warm-up: recorded apart from the steady state. */
    private static volatile Instant measureFrom = Instant.MAX;

    private static void sseLatency(
            String bootstrap,
            KafkaProducer<String, String> producer,
            URI base,
            Process service,
            int clients,
            int rate,
            int warmUp,
            int seconds)
            throws Exception {
        LatencyHistogram sse = new LatencyHistogram();
        LatencyHistogram sseWarmUp = new LatencyHistogram();
        LatencyHistogram reference = new LatencyHistogram();
        LatencyHistogram referenceWarmUp = new LatencyHistogram();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread consumer = new Thread(
                () -> referenceConsumer(bootstrap, referenceWarmUp, reference, running), "reference-consumer");
        consumer.start();

        AtomicInteger connected = new AtomicInteger();
        List<SseSocketClient> streams = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            streams.add(
                    new SseSocketClient(base.resolve("/alerts/stream?location=bench-sse"), sseWarmUp, sse, connected));
        }
        waitUntil(() -> connected.get() == clients, Duration.ofSeconds(60), "SSE clients connected");
        Thread.sleep(3_000); // the reference consumer's assignment

        // A service runs for days: the first alerts, which pay for JIT compilation and connection set-up on
        // every hop, are reported apart as the cold start and left out of the steady state.
        produceAtRate(producer, rate, (long) rate * warmUp);
        measureFrom = Instant.now();
        Duration cpuBefore = cpu(service);
        long total = (long) rate * seconds;
        produceAtRate(producer, rate, total);
        long drainDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (sse.count() < total * clients && System.nanoTime() < drainDeadline) {
            Thread.sleep(100);
        }
        // The machine's cores are shared with the broker and these clients, so latency alone can be
        // starvation: the service's own CPU time per alert says what it costs.
        Duration serviceCpu = cpu(service).minus(cpuBefore);
        running.set(false);
        consumer.join();
        streams.forEach(SseSocketClient::close);
        System.out.printf(
                "cold start, first %d s: SSE %s; reference %s%n",
                warmUp, sseWarmUp.summary(), referenceWarmUp.summary());
        System.out.printf("SSE (%d clients): %s; expected %d events%n", clients, sse.summary(), total * clients);
        System.out.printf("reference (Kafka consumer): %s%n", reference.summary());
        System.out.printf(
                "p99 ratio SSE / reference: %.2f%n", sse.quantileMillis(0.99) / reference.quantileMillis(0.99));
        System.out.printf(
                "alert-service CPU for the measured alerts: %.1f s, %.3f ms per alert, %.1f µs per alert and client%n",
                serviceCpu.toMillis() / 1e3,
                serviceCpu.toNanos() / 1e6 / total,
                serviceCpu.toNanos() / 1e3 / total / clients);
    }

    private static Duration cpu(Process process) {
        return process.info()
                .totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("no CPU time for alert-service"));
    }

    private static void produceAtRate(KafkaProducer<String, String> producer, int rate, long count) {
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            LockSupport.parkNanos(start + i * 1_000_000_000L / rate - System.nanoTime());
            FraudAlert alert = alert("user-" + (i % 1000), "bench-sse");
            producer.send(new ProducerRecord<>(Topic.FRAUD_ALERTS.topicName(), alert.userId(), EventJson.write(alert)));
        }
        producer.flush();
    }

    private static void webhookThroughput(KafkaProducer<String, String> producer, URI base, int alerts)
            throws Exception {
        AtomicInteger received = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        ExecutorService handlers = Executors.newFixedThreadPool(8);
        receiver.setExecutor(handlers);
        receiver.start();
        URI hook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        HttpClient http = HttpClient.newHttpClient();
        try {
            HttpResponse<String> created = http.send(
                    HttpRequest.newBuilder(base.resolve("/subscriptions"))
                            .header("Authorization", "Bearer " + TOKEN)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"url\":\"" + hook + "\",\"filter\":{\"location\":[\"bench-webhook\"]}}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("subscription refused: " + created.body());
            }
            List<String> bodies = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < alerts; i++) {
                FraudAlert alert = alert("user-" + (i % 64), "bench-webhook");
                String json = EventJson.write(alert);
                bodies.add(json);
                producer.send(new ProducerRecord<>(Topic.FRAUD_ALERTS.topicName(), alert.userId(), json));
            }
            producer.flush();
            waitUntil(() -> received.get() >= alerts, Duration.ofMinutes(5), "webhook deliveries");
            double ours = alerts / ((System.nanoTime() - start) / 1e9);

            received.set(0);
            Semaphore inFlight = new Semaphore(LANES);
            long referenceStart = System.nanoTime();
            for (String body : bodies) {
                inFlight.acquire();
                http.sendAsync(
                                HttpRequest.newBuilder(hook)
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .whenComplete((r, e) -> inFlight.release());
            }
            waitUntil(() -> received.get() >= alerts, Duration.ofMinutes(5), "reference posts");
            double reference = alerts / ((System.nanoTime() - referenceStart) / 1e9);
            System.out.printf(
                    "webhook: %d alerts, Kafka -> signed POST: %.0f alerts/s; reference direct POST (%d in flight): %.0f req/s; ratio %.2f%n",
                    alerts, ours, LANES, reference, ours / reference);
        } finally {
            receiver.stop(0);
            handlers.shutdown();
        }
    }

    private static void referenceConsumer(
            String bootstrap, LatencyHistogram warmUp, LatencyHistogram histogram, AtomicBoolean running) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topic.FRAUD_ALERTS.topicName()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (running.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    recordLatency(warmUp, histogram, record.value());
                }
            }
        }
    }

    static void recordLatency(LatencyHistogram warmUp, LatencyHistogram histogram, String json) {
        int at = json.indexOf("\"detected_at\":\"");
        if (at < 0) {
            return;
        }
        int from = at + 15;
        Instant sent = Instant.parse(json.substring(from, json.indexOf('"', from)));
        (sent.isBefore(measureFrom) ? warmUp : histogram)
                .record(Duration.between(sent, Instant.now()).toNanos() / 1_000);
    }

    /**
     * One SSE client: a plain socket read by its own thread, recording the latency of every
     * alert's data line. The JDK HttpClient's line subscriber was tried first and added seconds of
     * its own at 10 clients x 100 alerts/s, which curl clients against the same service did not see.
     */
    private static final class SseSocketClient {
        private final Socket socket;

        SseSocketClient(URI uri, LatencyHistogram warmUp, LatencyHistogram histogram, AtomicInteger connected)
                throws IOException {
            socket = new Socket(uri.getHost(), uri.getPort());
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":"
                            + uri.getPort() + "\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread reader = new Thread(() -> read(warmUp, histogram, connected), "sse-client");
            reader.setDaemon(true);
            reader.start();
        }

        private void read(LatencyHistogram warmUp, LatencyHistogram histogram, AtomicInteger connected) {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                boolean headersDone = false;
                String line;
                while ((line = in.readLine()) != null) {
                    if (!headersDone && line.isEmpty()) {
                        headersDone = true;
                        connected.incrementAndGet();
                    } else if (line.startsWith("data:")) {
                        recordLatency(warmUp, histogram, line);
                    }
                    // Other lines are SSE ids and names, and the chunk sizes of the chunked response.
                }
            } catch (IOException closedAtTheEnd) {
                // close() ends the read
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    private static FraudAlert alert(String user, String location) {
        String transactionId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        return new FraudAlert(
                AlertIds.of(AlertIds.FRAUD, transactionId),
                transactionId,
                user,
                new java.math.BigDecimal("12000.00"),
                "Electronics",
                "Acme",
                location,
                now,
                "high_amount",
                Severity.CRITICAL,
                100,
                List.of("amount_over_5000"),
                now,
                Map.of());
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        0),
                new StringSerializer(),
                new StringSerializer());
    }

    private static Process startService(Path jar, List<String> javaOptions, String bootstrap, int port)
            throws Exception {
        Path log = Files.createTempFile("alert-service-bench", ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("STREAMSIGHT_SUBSCRIPTIONS_TOKEN", TOKEN);
        builder.environment().put("STREAMSIGHT_WEBHOOKS_ALLOW_LOOPBACK", "true");
        builder.environment().put("QUARKUS_LOG_LEVEL", "WARN");
        Process process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        waitUntil(
                () -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("alert-service exited, see " + log);
                    }
                    try {
                        return http.send(
                                                HttpRequest.newBuilder(URI.create(
                                                                "http://127.0.0.1:" + port + "/q/health/ready"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200;
                    } catch (IOException e) {
                        return false;
                    }
                },
                Duration.ofSeconds(120),
                "alert-service ready");
        return process;
    }

    interface Condition {
        boolean met() throws Exception;
    }

    private static void waitUntil(Condition condition, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.met()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
