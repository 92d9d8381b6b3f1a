package io.streamsight.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsight.events.EventJson;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole stack ({@code ./streamsight up}, every pipeline, the default feed) with the generator
 * adding transactions at a fixed rate for a long time. Every {@code --sample} seconds it records
 * what an operator would watch: the transactions the generator sent, every StreamSight consumer
 * group's lag status and maximum lag from alert-service's {@code GET /lag}, and each JVM's live
 * heap (the objects that survive a full collection). The report says whether lag stayed bounded (no group out of OK after
 * the warm-up) and whether the heaps were stable (the last quarter's live heap against the
 * second quarter's).
 *
 * <p>Arguments: {@code --home DIR --rate TX_PER_S --seconds S --sample S --out FILE}.
 */
public final class SustainedLoad {

    private static final List<String> JVMS = List.of("generator-service", "alert-service", "spark-app", "spark-fraud");
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("Total\\s+\\d+\\s+(\\d+)\\s*");

    private final HttpClient http = HttpClient.newHttpClient();
    private final Path home;
    private final int rate;
    private final int seconds;
    private final int sample;
    private final Path out;

    private SustainedLoad(Map<String, String> args) {
        home = Path.of(args.getOrDefault("home", ".")).toAbsolutePath().normalize();
        rate = Integer.parseInt(args.getOrDefault("rate", "2000"));
        seconds = Integer.parseInt(args.getOrDefault("seconds", "600"));
        sample = Integer.parseInt(args.getOrDefault("sample", "30"));
        out = Path.of(args.getOrDefault("out", "sustained-load.md"));
    }

    public static void main(String[] argv) throws Exception {
        new SustainedLoad(ScenarioArguments.parse(argv)).run();
    }

    /** One row of the report. */
    private record Sample(long second, long sent, long errors, Map<String, String> lag, Map<String, Long> heapMiB) {}

    private void run() throws Exception {
        progress("starting the stack: ./streamsight up (every pipeline, the default feed)");
        List<Sample> samples = new ArrayList<>();
        try (StackRun stack = StackRun.start(home, List.of())) {
            String scenario = startScenario(stack);
            progress(
                    "stack up; generator scenario " + scenario + ": " + rate + " transactions/s for " + seconds + " s");
            long started = System.nanoTime();
            for (long next = 0; next <= seconds; next += sample) {
                long wait = started + TimeUnit.SECONDS.toNanos(next) - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                Sample row = sample(stack, scenario, next);
                samples.add(row);
                progress(String.format(
                        Locale.ROOT,
                        "%4d s: %,d sent (%d errors); lag %s; heap MiB %s",
                        row.second(),
                        row.sent(),
                        row.errors(),
                        row.lag(),
                        row.heapMiB()));
            }
        }
        String report = report(samples);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        System.out.println(report);
        progress("stack stopped; report in " + out);
    }

    private String startScenario(StackRun stack) throws Exception {
        String body = "{\"event_types\":[\"transactions\"],\"rate_per_second\":" + rate + ",\"duration_seconds\":"
                + (seconds + sample) + ",\"fraud_ratio\":0.02}";
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(stack.generator("/scenarios"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("scenario refused: " + response.statusCode() + " " + response.body());
        }
        return EventJson.mapper().readTree(response.body()).path("id").asText();
    }

    private Sample sample(StackRun stack, String scenario, long second) throws Exception {
        JsonNode run = get(stack.generator("/scenarios/" + scenario));
        Map<String, String> lag = new TreeMap<>();
        for (JsonNode group : get(stack.alertService("/lag")).path("groups")) {
            String name = group.path("group").asText();
            if (name.startsWith("streamsight-spark-") || name.equals("alert-service")) {
                lag.put(
                        name.replace("streamsight-spark-", "spark-"),
                        group.path("status").asText() + "/"
                                + group.path("max_lag").asLong());
            }
        }
        Map<String, Long> heap = new TreeMap<>();
        for (String jvm : JVMS) {
            heap.put(jvm, liveHeapMiB(stack.pid(jvm)));
        }
        return new Sample(second, run.path("sent").asLong(), run.path("errors").asLong(), lag, heap);
    }

    /**
     * The bytes of every live object ({@code jcmd GC.class_histogram}, which collects in full first
     * and counts what survived). Not {@code GC.run} then {@code GC.heap_info}: that "used" figure
     * also counts the young regions filled in between and the partly used old ones, and read up to
     * 270 MiB where 100 MiB were live.
     */
    private static long liveHeapMiB(long pid) throws IOException, InterruptedException {
        for (String line : jcmd(pid, "GC.class_histogram").split("\n")) {
            Matcher total = HISTOGRAM_TOTAL.matcher(line);
            if (total.matches()) {
                return Long.parseLong(total.group(1)) / (1024 * 1024);
            }
        }
        throw new IllegalStateException("no Total line in the class histogram of pid " + pid);
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        String output = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        jcmd.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

    private JsonNode get(URI uri) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return EventJson.mapper().readTree(response.body());
    }

    private String report(List<Sample> samples) {
        StringBuilder md = new StringBuilder();
        Sample last = samples.get(samples.size() - 1);
        md.append(String.format(
                Locale.ROOT,
                "Sustained load: %d transactions/s requested for %d s beside the default feed; "
                        + "%,d sent (%,.0f/s), %d send errors.%n%n",
                rate,
                seconds,
                last.sent(),
                last.sent() / (double) Math.max(1, last.second()),
                last.errors()));
        List<String> groups = new ArrayList<>(last.lag().keySet());
        md.append("| s | sent | ")
                .append(String.join(" | ", groups))
                .append(" | ")
                .append(String.join(
                        " | ", JVMS.stream().map(j -> j + " heap MiB").toList()))
                .append(" |\n");
        md.append("|---".repeat(2 + groups.size() + JVMS.size())).append("|\n");
        for (Sample s : samples) {
            md.append("| ").append(s.second()).append(" | ").append(s.sent());
            groups.forEach(g -> md.append(" | ").append(s.lag().getOrDefault(g, "–")));
            JVMS.forEach(j -> md.append(" | ").append(s.heapMiB().get(j)));
            md.append(" |\n");
        }
        int quarter = Math.max(1, samples.size() / 4);
        List<Sample> afterWarmup = samples.subList(quarter, samples.size());
        long notOk = afterWarmup.stream()
                .flatMap(s -> s.lag().values().stream())
                .filter(v -> !v.startsWith("OK/"))
                .count();
        md.append(String.format(
                Locale.ROOT,
                "%nLag after the first quarter: %d of %d group samples out of OK.%n",
                notOk,
                afterWarmup.stream().mapToInt(s -> s.lag().size()).sum()));
        for (String jvm : JVMS) {
            double second = samples.subList(quarter, Math.min(samples.size(), 2 * quarter)).stream()
                    .mapToLong(s -> s.heapMiB().get(jvm))
                    .average()
                    .orElse(0);
            double fourth = samples.subList(samples.size() - quarter, samples.size()).stream()
                    .mapToLong(s -> s.heapMiB().get(jvm))
                    .average()
                    .orElse(0);
            md.append(String.format(
                    Locale.ROOT,
                    "- %s live heap: %.0f MiB in the second quarter, %.0f MiB in the last (%+.0f %%)%n",
                    jvm,
                    second,
                    fourth,
                    second == 0 ? 0 : 100 * (fourth - second) / second));
        }
        return md.toString();
    }

    private static void progress(String message) {
        System.out.println("[sustained " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
    }
}
