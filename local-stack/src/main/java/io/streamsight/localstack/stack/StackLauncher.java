package io.streamsight.localstack.stack;

import io.streamsight.kafka.TopicFollower;
import io.streamsight.localstack.broker.EmbeddedKafkaCluster;
import io.streamsight.localstack.process.ParentWatchdog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * {@code ./streamsight}: the whole platform on one machine. {@code up} starts the embedded
 * broker, alert-service, spark-app and generator-service as child processes, shows progress,
 * prints where to look and then a live alert feed; Ctrl-C (or the launcher's death, through
 * {@link ParentWatchdog}) stops every one of them. A service or broker node that dies is started
 * again with a growing pause ({@link RestartBackoff}), as Kubernetes would restart its pod, so a
 * crash costs a restart and its recovery, not the stack.
 */
public final class StackLauncher {

    private static final String STATE_FILE = "stack.state";
    private static final Duration SERVICE_TIMEOUT = Duration.ofMinutes(4);

    private static final String TOKEN_FILE = "subscriptions.token";
    private static final String SPARK_READY = "/metrics/prometheus";

    private final StackOptions options;
    private final PrintStream out;
    private final List<ServiceProcess> started = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, RestartBackoff> backoffs = new HashMap<>();
    /** Crashed services and nodes by name -> when ({@link System#nanoTime()}) they start again. */
    private final Map<String, Long> restartsDue = new HashMap<>();

    private EmbeddedKafkaCluster kafka;

    StackLauncher(StackOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("streamsight.home", "."))
                .toAbsolutePath()
                .normalize();
        StackOptions options;
        try {
            options = StackOptions.parse(home, args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        StackLauncher launcher = new StackLauncher(options, System.out);
        int exitCode = switch (options.command()) {
            case "up" -> launcher.up();
            case "status" -> launcher.status();
            case "logs" -> launcher.logs();
            case "topics" -> launcher.topics();
            case "clean" -> launcher.clean();
            default -> {
                System.out.print(StackOptions.USAGE);
                yield 0;
            }
        };
        System.exit(exitCode);
    }

    int up() throws IOException, InterruptedException {
        if (isRunning()) {
            out.println("The stack already runs from " + options.dataDir() + " (./streamsight status).");
            return 1;
        }
        Files.createDirectories(options.logs());
        String token = subscriptionToken();
        StackServices services = new StackServices(options, token);
        services.checkBuilt();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "streamsight-stop"));
        long begin = System.nanoTime();
        out.println("StreamSight: starting the local stack; all state under " + options.dataDir());
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(
                options.brokers() == 1
                        ? "Kafka broker (KRaft)"
                        : "Kafka cluster (KRaft, " + options.brokers() + " nodes)",
                () -> {
                    kafka = EmbeddedKafkaCluster.start(
                            options.brokers(),
                            options.dataDir().resolve(options.brokers() == 1 ? "kafka" : "kafka-cluster"),
                            options.kafkaPort());
                    return "ready on " + kafka.bootstrapServers() + ", every catalog topic created"
                            + (options.brokers() == 1
                                    ? ""
                                    : " with " + options.brokers() + " replicas, min.insync.replicas 2");
                }));
        steps.add(new Step(
                "alert-service", () -> startHttp(services.alertService(), options.alertPort(), "/q/health/ready")));
        services.sparkFraud()
                .ifPresent(fraud -> steps.add(new Step(
                        "spark-fraud (real-time: " + String.join(",", options.realTimePipelines()) + ")",
                        () -> startHttp(fraud, options.fraudUiPort(), SPARK_READY))));
        services.sparkApp()
                .ifPresent(app -> steps.add(new Step(
                        "spark-app (" + String.join(",", options.microBatchPipelines()) + ")",
                        () -> startHttp(app, options.sparkUiPort(), SPARK_READY))));
        steps.add(new Step(
                "generator-service",
                () -> startHttp(services.generator(), options.generatorPort(), "/q/health/ready")));
        try {
            for (int i = 0; i < steps.size(); i++) {
                step(i + 1, steps.size(), steps.get(i));
            }
        } catch (RuntimeException e) {
            out.println();
            out.println("Start-up failed: " + e.getMessage());
            out.println("Logs: " + options.logs() + " (./streamsight logs)");
            stopAll();
            return 1;
        }
        writeState();
        out.printf("%nStreamSight is up (%.0f s). Where to look:%n", (System.nanoTime() - begin) / 1e9);
        out.println("  dashboard            http://127.0.0.1:" + options.alertPort() + "/");
        out.println("  alerts (SSE)         http://127.0.0.1:" + options.alertPort() + "/alerts/stream");
        out.println("  fraud rules          http://127.0.0.1:" + options.alertPort()
                + "/rules  (PUT with the token, docs/rules.md)");
        out.println("  detection quality    http://127.0.0.1:" + options.alertPort() + "/quality");
        out.println("  detection latency    http://127.0.0.1:" + options.alertPort()
                + "/latency  (p50/p99, also on the dashboard)");
        out.println("  consumer lag         http://127.0.0.1:" + options.alertPort() + "/lag");
        out.println("  alert-service        http://127.0.0.1:" + options.alertPort() + "/q/metrics");
        out.println(
                "  generator-service    http://127.0.0.1:" + options.generatorPort() + "/scenarios  and  /q/metrics");
        if (!options.realTimePipelines().isEmpty()) {
            out.println("  Spark UI (fraud)     http://127.0.0.1:" + options.fraudUiPort()
                    + "/  metrics: /metrics/prometheus");
        }
        if (!options.microBatchPipelines().isEmpty()) {
            out.println("  Spark UI (others)    http://127.0.0.1:" + options.sparkUiPort()
                    + "/  metrics: /metrics/prometheus");
        }
        out.println("  Kafka                " + kafka.bootstrapServers() + "  (./streamsight topics)");
        out.println("  subscription token   " + token + "  (Authorization: Bearer ..., in " + TOKEN_FILE + ")");
        out.println("  logs                 " + options.logs());
        out.println("Ctrl-C stops everything.");
        if (options.feed()) {
            out.println();
            out.println("Live alerts:");
        }
        Thread watcher = new Thread(this::watchChildren, "streamsight-watch");
        watcher.setDaemon(true);
        watcher.start();
        TopicFollower<byte[], byte[]> feed = options.feed() ? AlertFeed.start(kafka.bootstrapServers(), out) : null;
        while (running.get()) {
            ServiceProcess.sleep(500);
        }
        if (feed != null) {
            feed.close();
        }
        return 0;
    }

    /** The bearer token of alert-service's /subscriptions, made once per data directory. */
    private String subscriptionToken() throws IOException {
        Path file = options.dataDir().resolve(TOKEN_FILE);
        if (!Files.exists(file)) {
            byte[] random = new byte[18];
            new java.security.SecureRandom().nextBytes(random);
            Files.writeString(
                    file, java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        }
        return Files.readString(file).trim();
    }

    int status() throws IOException {
        Properties state = readState();
        if (state.isEmpty()) {
            out.println("The stack is not running (no " + options.dataDir().resolve(STATE_FILE) + ").");
            return 1;
        }
        boolean allAlive = true;
        for (String name : state.stringPropertyNames().stream()
                .filter(n -> n.endsWith(".pid"))
                .sorted()
                .toList()) {
            long pid = Long.parseLong(state.getProperty(name));
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            allAlive &= alive;
            String service = name.substring(0, name.length() - ".pid".length());
            String health = state.getProperty(service + ".health");
            String healthy = !alive || health == null
                    ? ""
                    : ServiceProcess.answersOk(URI.create(health)) ? "healthy" : "NOT READY";
            allAlive &= !healthy.equals("NOT READY");
            out.printf(
                    "%-18s pid %-8d %-8s %-10s %s%n",
                    service, pid, alive ? "running" : "DEAD", healthy, state.getProperty(service + ".url", ""));
        }
        return allAlive ? 0 : 1;
    }

    int logs() throws IOException {
        if (!Files.isDirectory(options.logs())) {
            out.println("No logs yet under " + options.logs());
            return 1;
        }
        try (Stream<Path> files = Files.list(options.logs())) {
            for (Path log : files.filter(f -> wanted(f.getFileName().toString()))
                    .sorted()
                    .toList()) {
                printTail(log);
            }
        }
        List<Path> brokerLogs =
                new ArrayList<>(List.of(options.dataDir().resolve("kafka").resolve("broker.log")));
        for (int node = 1; node <= StackOptions.MAX_BROKERS; node++) {
            brokerLogs.add(options.dataDir()
                    .resolve("kafka-cluster")
                    .resolve("node-" + node)
                    .resolve("broker.log"));
        }
        for (Path brokerLog : brokerLogs) {
            if (Files.exists(brokerLog) && wanted("kafka")) {
                printTail(brokerLog);
            }
        }
        return 0;
    }

    private boolean wanted(String logName) {
        return options.arguments().isEmpty()
                || logName.startsWith(options.arguments().get(0));
    }

    private void printTail(Path log) throws IOException {
        out.println("==> " + log + " <==");
        List<String> lines = Files.readAllLines(log);
        lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(out::println);
    }

    int topics() throws Exception {
        // A running stack knows its broker; otherwise the options say where to look.
        TopicReport.print(readState().getProperty("kafka.url", options.bootstrapServers()), out);
        return 0;
    }

    int clean() throws IOException {
        if (isRunning()) {
            out.println("The stack runs; stop it (Ctrl-C) before cleaning.");
            return 1;
        }
        if (!Files.exists(options.dataDir())) {
            out.println("Nothing to clean: " + options.dataDir() + " does not exist.");
            return 0;
        }
        try (Stream<Path> paths = Files.walk(options.dataDir())) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        out.println("Removed " + options.dataDir());
        return 0;
    }

    private String startHttp(StackServices.Command command, int port, String readyPath) {
        ServiceProcess service = ServiceProcess.start(
                command.name(), command.args(), options.logs().resolve(command.name() + ".log"), options.home());
        started.add(service);
        service.awaitHttpOk(URI.create("http://127.0.0.1:" + port + readyPath), SERVICE_TIMEOUT, () -> out.print("."));
        return "ready on http://127.0.0.1:" + port + " (pid " + service.pid() + ")";
    }

    /** One start-up step: what starts, and the action that starts it and says where it is ready. */
    private record Step(String what, java.util.function.Supplier<String> action) {}

    private void step(int number, int of, Step step) {
        out.printf("[%d/%d] %-44s ", number, of, step.what());
        out.flush();
        long begin = System.nanoTime();
        String result = step.action().get();
        out.printf(" %s (%.1f s)%n", result, (System.nanoTime() - begin) / 1e9);
    }

    private void watchChildren() {
        while (running.get()) {
            restartCrashed();
            ServiceProcess.sleep(1000);
        }
    }

    private synchronized void restartCrashed() {
        boolean restarted = false;
        for (int node = 1; node <= kafka.size() && running.get(); node++) {
            String name = kafka.size() == 1 ? "kafka" : "kafka-" + node;
            if (!kafka.node(node).isRunning()
                    && restartDue(name, kafka.node(node).lived(), "exited")) {
                kafka.restart(node);
                out.println(
                        "   " + name + " started again (pid " + kafka.node(node).pid() + ")");
                restarted = true;
            }
        }
        for (int i = 0; i < started.size() && running.get(); i++) {
            ServiceProcess service = started.get(i);
            if (!service.isAlive()
                    && restartDue(
                            service.name(),
                            service.lived(),
                            "exited with code " + service.exitCode() + "; its log: " + service.log())) {
                ServiceProcess again = service.startAgain();
                started.set(i, again);
                out.println("   " + service.name() + " started again (pid " + again.pid() + ")");
                restarted = true;
            }
        }
        if (restarted) {
            try {
                writeState();
            } catch (IOException e) {
                out.println("!! could not update " + STATE_FILE + ": " + e.getMessage());
            }
        }
    }

    /** True once a crashed process's pause is over; the first call after the crash says so and sets the pause. */
    private boolean restartDue(String name, Duration lived, String why) {
        Long due = restartsDue.get(name);
        if (due == null) {
            Duration pause =
                    backoffs.computeIfAbsent(name, n -> new RestartBackoff()).afterCrash(lived);
            out.println("!! " + name + " " + why + "; starting it again in " + pause.toSeconds() + " s");
            restartsDue.put(name, System.nanoTime() + pause.toNanos());
            return false;
        }
        if (System.nanoTime() < due) {
            return false;
        }
        restartsDue.remove(name);
        return true;
    }

    private synchronized void stopAll() {
        if (started.isEmpty() && kafka == null) {
            return;
        }
        running.set(false);
        out.println();
        out.println("Stopping StreamSight...");
        for (int i = started.size() - 1; i >= 0; i--) {
            ServiceProcess service = started.get(i);
            service.stop(Duration.ofSeconds(20));
            out.println("  stopped " + service.name());
        }
        started.clear();
        if (kafka != null) {
            kafka.close();
            out.println("  stopped Kafka");
            kafka = null;
        }
        try {
            Files.deleteIfExists(options.dataDir().resolve(STATE_FILE));
        } catch (IOException e) {
            out.println("  could not remove " + STATE_FILE + ": " + e.getMessage());
        }
        out.flush();
    }

    private void writeState() throws IOException {
        Properties state = new Properties();
        state.setProperty("launcher.pid", Long.toString(ProcessHandle.current().pid()));
        for (int node = 1; node <= kafka.size(); node++) {
            state.setProperty(
                    node == 1 ? "kafka.pid" : "kafka-" + node + ".pid",
                    Long.toString(kafka.node(node).pid()));
        }
        state.setProperty("kafka.url", kafka.bootstrapServers());
        for (ServiceProcess service : started) {
            state.setProperty(service.name() + ".pid", Long.toString(service.pid()));
        }
        state.setProperty("alert-service.url", "http://127.0.0.1:" + options.alertPort() + "/");
        state.setProperty("generator-service.url", "http://127.0.0.1:" + options.generatorPort() + "/");
        state.setProperty("spark-app.url", "http://127.0.0.1:" + options.sparkUiPort() + "/");
        state.setProperty("spark-fraud.url", "http://127.0.0.1:" + options.fraudUiPort() + "/");
        state.setProperty("alert-service.health", "http://127.0.0.1:" + options.alertPort() + "/q/health/ready");
        state.setProperty(
                "generator-service.health", "http://127.0.0.1:" + options.generatorPort() + "/q/health/ready");
        state.setProperty("spark-app.health", "http://127.0.0.1:" + options.sparkUiPort() + SPARK_READY);
        state.setProperty("spark-fraud.health", "http://127.0.0.1:" + options.fraudUiPort() + SPARK_READY);
        try (OutputStream stream = Files.newOutputStream(options.dataDir().resolve(STATE_FILE))) {
            state.store(stream, "the running local stack; removed when it stops");
        }
    }

    private Properties readState() throws IOException {
        Properties state = new Properties();
        Path file = options.dataDir().resolve(STATE_FILE);
        if (Files.exists(file)) {
            try (InputStream stream = Files.newInputStream(file)) {
                state.load(stream);
            }
        }
        return state;
    }

    private boolean isRunning() throws IOException {
        String launcher = readState().getProperty("launcher.pid");
        return launcher != null
                && ProcessHandle.of(Long.parseLong(launcher))
                        .map(ProcessHandle::isAlive)
                        .orElse(false);
    }
}
