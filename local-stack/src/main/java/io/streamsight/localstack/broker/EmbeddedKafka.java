package io.streamsight.localstack.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real Kafka broker (KRaft, one combined node) in a child JVM, for tests and the local stack.
 * Only the JDK is needed on the caller's classpath: the broker's own Kafka and Scala versions
 * live in the child process, so they never clash with Spark's or Quarkus' kafka-clients.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 *
 * The child exits when this JVM closes its standard input, which the operating system also does
 * when this JVM dies, so a crashed test run leaves no broker behind.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path dataDir;
    private final String bootstrapServers;
    private final Thread shutdownHook;
    private final long readyAt = System.nanoTime();

    private EmbeddedKafka(Process process, Path dataDir, String bootstrapServers) {
        this.process = process;
        this.dataDir = dataDir;
        this.bootstrapServers = bootstrapServers;
        this.shutdownHook = new Thread(this::stopProcess, "embedded-kafka-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a broker on a free port with a fresh temporary data directory. */
    public static EmbeddedKafka start() {
        try {
            return start(0, Files.createTempDirectory("streamsight-kafka-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a broker on {@code port} (0 picks a free one) keeping its state in {@code dataDir};
     * a data directory from an earlier run keeps its topics and records.
     */
    public static EmbeddedKafka start(int port, Path dataDir) {
        return start(dataDir, List.of("--port", Integer.toString(port)));
    }

    /**
     * Starts a broker that also listens on {@code saslSslPort} as the chart's Kafka does: TLS with the
     * PKCS12 keystore's certificate, SCRAM-SHA-512 users, ACLs enforced. {@link #bootstrapServers()}
     * stays the PLAINTEXT port, where an anonymous super user creates those users and ACLs.
     */
    public static EmbeddedKafka startWithSaslSsl(
            Path dataDir, int saslSslPort, Path keystore, String keystorePassword) {
        return start(
                dataDir,
                List.of(
                        "--sasl-ssl-port",
                        Integer.toString(saslSslPort),
                        "--keystore",
                        keystore.toAbsolutePath().toString(),
                        "--keystore-password",
                        keystorePassword));
    }

    /** Starts a node with {@link KafkaBrokerMain}'s options besides {@code --data-dir}. */
    static EmbeddedKafka start(Path dataDir, List<String> options) {
        try {
            Files.createDirectories(dataDir);
            Path log = dataDir.resolve("broker.log");
            List<String> arguments = new java.util.ArrayList<>(
                    List.of("--data-dir", dataDir.toAbsolutePath().toString()));
            arguments.addAll(options);
            List<String> command = KafkaJvm.command(
                    List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC"), KafkaBrokerMain.class.getName(), arguments);
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String bootstrap = awaitReady(process, log);
            return new EmbeddedKafka(process, dataDir, bootstrap);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Kafka broker", e);
        }
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public int port() {
        return Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
    }

    public Path dataDir() {
        return dataDir;
    }

    public long pid() {
        return process.pid();
    }

    /** How long the broker has run (or ran) since it was ready. */
    public Duration lived() {
        return Duration.ofNanos(System.nanoTime() - readyAt);
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash would: no clean shutdown, whatever was not yet on disk or replicated is the broker's to recover. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run; nothing left to undo.
        }
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Copies the child's output to {@code broker.log} and returns the address it announces. */
    private static String awaitReady(Process process, Path log) throws IOException {
        CompletableFuture<String> ready = new CompletableFuture<>();
        Deque<String> lastLines = new ArrayDeque<>();
        Thread pump = new Thread(() -> pump(process.getInputStream(), log, ready, lastLines), "embedded-kafka-log");
        pump.setDaemon(true);
        pump.start();
        try {
            return ready.get(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException | InterruptedException e) {
            process.destroyForcibly();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String tail;
            synchronized (lastLines) {
                tail = String.join(System.lineSeparator(), lastLines);
            }
            throw new IllegalStateException("the embedded Kafka broker did not become ready (" + e + "); see " + log
                    + ". Last output:" + System.lineSeparator() + tail);
        }
    }

    private static void pump(InputStream output, Path log, CompletableFuture<String> ready, Deque<String> lastLines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
                PrintWriter writer = new PrintWriter(
                        Files.newBufferedWriter(
                                log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                        true)) {
            String line;
            while ((line = reader.readLine()) != null) {
                writer.println(line);
                synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > 40) {
                        lastLines.removeFirst();
                    }
                }
                if (line.startsWith(KafkaBrokerMain.READY_MARKER + " ")) {
                    ready.complete(line.substring(KafkaBrokerMain.READY_MARKER.length() + 1)
                            .trim());
                }
            }
            ready.completeExceptionally(new IllegalStateException("the broker process exited"));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }
}
