package io.streamsight.localstack.stack;

import io.streamsight.localstack.process.FreePort;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./streamsight up} as a child process on free ports with a data directory of its own: what
 * the benchmarks and the fault-injection scenarios drive. Started and awaited (the launcher's
 * "StreamSight is up"), stopped with SIGTERM so the launcher stops every service, then the broker.
 */
public final class StackRun implements AutoCloseable {

    private static final long START_MINUTES = 10;

    private final Process launcher;
    private final Path dataDir;
    private final int kafkaPort;
    private final int alertPort;
    private final int generatorPort;
    private final int fraudUiPort;

    private StackRun(Process launcher, Path dataDir, int kafkaPort, int alertPort, int generatorPort, int fraudUiPort) {
        this.launcher = launcher;
        this.dataDir = dataDir;
        this.kafkaPort = kafkaPort;
        this.alertPort = alertPort;
        this.generatorPort = generatorPort;
        this.fraudUiPort = fraudUiPort;
    }

    /** {@code home}: the repository (with {@code streamsight} and the packaged services); {@code options}: more {@code up} options. */
    public static StackRun start(Path home, List<String> options) throws Exception {
        Path dataDir = Files.createTempDirectory("streamsight-run");
        int kafkaPort = FreePort.pick();
        int alertPort = FreePort.pick();
        int generatorPort = FreePort.pick();
        int fraudUiPort = FreePort.pick();
        List<String> command = new ArrayList<>(List.of(
                home.resolve("streamsight").toString(),
                "up",
                "--data-dir",
                dataDir.toString(),
                "--kafka-port",
                Integer.toString(kafkaPort),
                "--alert-port",
                Integer.toString(alertPort),
                "--generator-port",
                Integer.toString(generatorPort),
                "--spark-ui-port",
                Integer.toString(FreePort.pick()),
                "--fraud-ui-port",
                Integer.toString(fraudUiPort)));
        command.addAll(options);
        Path log = dataDir.resolve("launcher.log");
        Process launcher = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        StackRun run = new StackRun(launcher, dataDir, kafkaPort, alertPort, generatorPort, fraudUiPort);
        try {
            run.awaitUp();
        } catch (Exception e) {
            run.close();
            throw e;
        }
        return run;
    }

    private void awaitUp() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(START_MINUTES);
        while (System.nanoTime() < deadline) {
            if (Files.exists(launcherLog()) && Files.readString(launcherLog()).contains("StreamSight is up")) {
                return;
            }
            if (!launcher.isAlive()) {
                throw new IllegalStateException("the launcher exited: " + Files.readString(launcherLog()));
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(
                "the stack did not come up in " + START_MINUTES + " minutes; see " + launcherLog());
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    public URI alertService(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + alertPort + pathAndQuery);
    }

    public URI generator(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + generatorPort + pathAndQuery);
    }

    public URI fraudSparkUi(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + fraudUiPort + pathAndQuery);
    }

    public String subscriptionToken() throws IOException {
        return Files.readString(dataDir.resolve("subscriptions.token")).trim();
    }

    /** The pid the launcher's state file gives a service ({@code alert-service}, {@code spark-app}, {@code spark-fraud}, …) now. */
    public long pid(String service) throws IOException {
        Properties state = new Properties();
        try (var in = Files.newInputStream(dataDir.resolve("stack.state"))) {
            state.load(in);
        }
        String pid = state.getProperty(service + ".pid");
        if (pid == null) {
            throw new IllegalStateException("no " + service + " in " + dataDir.resolve("stack.state"));
        }
        return Long.parseLong(pid);
    }

    /** Whether the launcher has started {@code service} again: its state names a live process other than {@code killedPid}. */
    public boolean replaced(String service, long killedPid) {
        try {
            long pid = pid(service);
            return pid != killedPid
                    && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | IllegalStateException e) {
            return false;
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path launcherLog() {
        return dataDir.resolve("launcher.log");
    }

    @Override
    public void close() throws InterruptedException {
        launcher.destroy();
        if (!launcher.waitFor(2, TimeUnit.MINUTES)) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }
}
