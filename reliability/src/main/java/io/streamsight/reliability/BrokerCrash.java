package io.streamsight.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsight.events.EventJson;
import io.streamsight.events.Topic;
import io.streamsight.localstack.stack.StackRun;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * {@code ./streamsight up --brokers 3}: three KRaft nodes, every topic with three replicas and
 * {@code min.insync.replicas} 2, every pipeline, and the generator's own default scenario at
 * {@code rate} events a second over its six event types. A quarter of the way in one
 * node ({@code kafka-2}) is killed with SIGKILL; the launcher starts it again, as Kubernetes would
 * restart its pod. Counted once the generator has stopped (its scenarios deleted, which waits for
 * their acknowledgements): the records the generator counted as acknowledged per topic against the
 * records in each topic, and its send errors; how long until every partition had its three
 * replicas in sync again; whether the pipelines kept running (fraud alerts and analytics written
 * after the kill, every consumer group's lag status at the end).
 */
public final class BrokerCrash {

    private static final String KILLED = "kafka-2";
    private static final Duration ISR_WITHIN = Duration.ofMinutes(5);
    private static final Pattern SENT = Pattern.compile(
            "streamsight_generator_(events_sent|send_errors)_total\\{[^}]*topic=\"([^\"]+)\"[^}]*\\}\\s+(\\S+)");
    private static final List<String> OUTPUTS = List.of(
            Topic.FRAUD_ALERTS.topicName(), Topic.USER_SPEND.topicName(), Topic.TRANSACTION_ANALYTICS.topicName());

    private final Path home;
    private final int rate;
    private final int seconds;
    private final Path out;
    private final HttpClient http = HttpClient.newHttpClient();

    private BrokerCrash(Map<String, String> args) {
        home = Path.of(args.getOrDefault("home", ".")).toAbsolutePath().normalize();
        rate = Integer.parseInt(args.getOrDefault("rate", "500"));
        seconds = Integer.parseInt(args.getOrDefault("seconds", "240"));
        out = Path.of(args.getOrDefault("out", "broker-crash.md"));
    }

    public static void main(String[] argv) throws Exception {
        new BrokerCrash(ScenarioArguments.parse(argv)).run();
    }

    private void run() throws Exception {
        List<String> options = List.of("--no-feed", "--brokers", "3", "--rate", Integer.toString(rate));
        progress("starting the stack: ./streamsight up " + String.join(" ", options));
        StringBuilder md = new StringBuilder();
        try (StackRun stack = StackRun.start(home, options);
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            long started = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds) / 4);
            Map<String, Long> outputsAtKill = records(admin, OUTPUTS);
            long pid = stack.pid(KILLED);
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            long killedAt = System.nanoTime();
            progress("kill -9 " + KILLED + " (pid " + pid + ")");
            // Sampled from the kill on, so the report shows the in-sync replicas shrinking, not only their return.
            long isrDeadline = killedAt + ISR_WITHIN.toNanos();
            long restartedAfter = -1;
            int underReplicated;
            int mostUnderReplicated = 0;
            do {
                Thread.sleep(1000);
                if (restartedAfter < 0 && stack.replaced(KILLED, pid)) {
                    restartedAfter = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAt);
                    progress(KILLED + " started again by the launcher after " + restartedAfter + " s");
                }
                underReplicated = underReplicated(admin);
                mostUnderReplicated = Math.max(mostUnderReplicated, underReplicated);
            } while ((restartedAfter < 0 || underReplicated > 0) && System.nanoTime() < isrDeadline);
            long isrAfter = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAt);
            progress("partitions without three in-sync replicas: at most " + mostUnderReplicated + ", "
                    + underReplicated + " after " + isrAfter + " s");
            long left = TimeUnit.SECONDS.toNanos(seconds) - (System.nanoTime() - started);
            Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(left)));

            Map<String, String> lag = lagStatus(stack);
            int stopped = stopScenarios(stack);
            progress("stopped " + stopped + " generator scenario(s); counting");
            Map<String, long[]> generator = generatorCounts(stack);
            Map<String, Long> inTopics = records(admin, List.copyOf(generator.keySet()));
            Map<String, Long> outputsAtEnd = records(admin, OUTPUTS);

            md.append(String.format(
                    Locale.ROOT,
                    "Broker crash: ./streamsight up %s for %d s (every pipeline, the generator's default scenario at %d "
                            + "events/s over its six event types); %s killed with SIGKILL at %d s, started again by the launcher after %d s; "
                            + "partitions short of three in-sync replicas: at most %d after the kill, %d at %d s after it.%n%n",
                    String.join(" ", options),
                    seconds,
                    rate,
                    KILLED,
                    seconds / 4,
                    restartedAfter,
                    mostUnderReplicated,
                    underReplicated,
                    isrAfter));
            md.append(
                    "| topic | acknowledged to the generator | send errors | records in the topic | lost | duplicated |\n");
            md.append("|---|---|---|---|---|---|\n");
            generator.forEach((topic, counts) -> {
                long in = inTopics.getOrDefault(topic, 0L);
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %,d | %,d | %,d | %,d | %,d |%n",
                        topic,
                        counts[0],
                        counts[1],
                        in,
                        Math.max(0, counts[0] - in),
                        Math.max(0, in - counts[0])));
            });
            md.append("\n| written by the pipelines | at the kill | at the end |\n|---|---|---|\n");
            OUTPUTS.forEach(topic -> md.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %,d |%n",
                    topic,
                    outputsAtKill.getOrDefault(topic, 0L),
                    outputsAtEnd.getOrDefault(topic, 0L))));
            md.append("\nLag status of every consumer group at the end (alert-service GET /lag): ")
                    .append(lag)
                    .append('\n');
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md.toString());
        System.out.println(md);
    }

    /** Partitions, over every topic, whose in-sync replicas are fewer than their replicas. */
    private static int underReplicated(Admin admin) throws Exception {
        int under = 0;
        for (TopicDescription topic : admin.describeTopics(
                        admin.listTopics().names().get())
                .allTopicNames()
                .get()
                .values()) {
            under += (int) topic.partitions().stream()
                    .filter(p -> p.isr().size() < p.replicas().size())
                    .count();
        }
        return under;
    }

    /** Records in each topic: end offset minus start offset, over its partitions. */
    private static Map<String, Long> records(Admin admin, List<String> topics) throws Exception {
        Map<String, Long> records = new TreeMap<>();
        PartitionOffsets.of(admin, topics, OffsetSpec::latest)
                .forEach((tp, end) -> records.merge(tp.topic(), end, Long::sum));
        PartitionOffsets.of(admin, topics, OffsetSpec::earliest)
                .forEach((tp, start) -> records.merge(tp.topic(), -start, Long::sum));
        return records;
    }

    /** Topic -> {acknowledged, send errors}, from generator-service's Prometheus metrics. */
    private Map<String, long[]> generatorCounts(StackRun stack) throws Exception {
        Map<String, long[]> counts = new TreeMap<>();
        Matcher line = SENT.matcher(get(stack.generator("/q/metrics")));
        while (line.find()) {
            long[] topic = counts.computeIfAbsent(line.group(2), t -> new long[2]);
            topic[line.group(1).equals("events_sent") ? 0 : 1] = (long) Double.parseDouble(line.group(3));
        }
        return counts;
    }

    /** Deletes every running generator scenario; the generator answers once their records are acknowledged. */
    private int stopScenarios(StackRun stack) throws Exception {
        int stopped = 0;
        for (JsonNode scenario : EventJson.mapper().readTree(get(stack.generator("/scenarios")))) {
            HttpResponse<String> deleted = http.send(
                    HttpRequest.newBuilder(stack.generator(
                                    "/scenarios/" + scenario.path("id").asText()))
                            .DELETE()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (deleted.statusCode() == 200) {
                stopped++;
            }
        }
        return stopped;
    }

    private Map<String, String> lagStatus(StackRun stack) throws Exception {
        Map<String, String> status = new TreeMap<>();
        for (JsonNode group :
                EventJson.mapper().readTree(get(stack.alertService("/lag"))).path("groups")) {
            status.put(group.path("group").asText(), group.path("status").asText());
        }
        return status;
    }

    private String get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static void progress(String message) {
        System.out.println("[broker-crash " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
    }
}
