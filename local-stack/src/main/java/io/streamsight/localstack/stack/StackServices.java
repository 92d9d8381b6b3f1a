package io.streamsight.localstack.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The command lines of the stack's services, built from the project's Maven output: the
 * Quarkus fast-jars, and spark-app's classes with the classpath and JVM options its build writes
 * to {@code spark-app/target/launch/}. Heaps are fixed so that the whole stack stays within
 * 6 GiB (see README.md).
 */
final class StackServices {

    record Command(String name, List<String> args) {
    }

    static final String ALERT_HEAP = "-Xmx384m";
    static final String GENERATOR_HEAP = "-Xmx256m";
    static final String SPARK_HEAP = "-Xmx2g";

    private final StackOptions options;
    private final String subscriptionToken;

    StackServices(StackOptions options, String subscriptionToken) {
        this.options = options;
        this.subscriptionToken = subscriptionToken;
    }

    /** Fails with the command to run when a service has not been built yet. */
    void checkBuilt() {
        List<Path> missing = Stream.of(quarkusJar("alert-service"), quarkusJar("generator-service"),
                sparkLaunch().resolve("classpath"), sparkLaunch().resolve("jvm.options"), agentJar())
                .filter(p -> !Files.exists(p)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("not built yet: " + missing + "; run ./mvnw -DskipTests package");
        }
    }

    Command alertService() {
        return quarkus("alert-service", ALERT_HEAP, options.alertPort(), List.of(
                "-Dstreamsight.webhooks.allow-loopback=true",
                "-Dstreamsight.subscriptions.token=" + subscriptionToken));
    }

    Command generator() {
        return quarkus("generator-service", GENERATOR_HEAP, options.generatorPort(), List.of(
                "-Dgenerator.default-scenario.enabled=true",
                "-Dgenerator.default-scenario.rate-per-second=" + options.ratePerSecond(),
                "-Dgenerator.default-scenario.fraud-ratio=" + options.fraudRatio()));
    }

    Command sparkApp() {
        Path launch = sparkLaunch();
        List<String> args = new ArrayList<>();
        args.add(java());
        args.add(SPARK_HEAP);
        args.addAll(List.of(read(launch.resolve("jvm.options")).split("\\s+")));
        args.add("-javaagent:" + agentJar());
        // Threads, not cores: real-time mode needs a task slot per Kafka partition of each of its queries.
        args.add("-Dspark.master=local[8]");
        // One machine, small state: Spark's default of 200 shuffle partitions costs more than it spreads.
        args.add("-Dspark.sql.shuffle.partitions=4");
        args.add("-Dlog4j2.configurationFile=" + launch.resolve("log4j2.properties").toUri());
        args.add("-Dspark.ui.port=" + options.sparkUiPort());
        args.add("-Dspark.streamsight.kafka.bootstrapServers=" + options.bootstrapServers());
        args.add("-Dspark.streamsight.checkpointBase=" + options.dataDir().resolve("checkpoints").toUri());
        args.add("-cp");
        args.add(options.home().resolve("spark-app/target/classes") + java.io.File.pathSeparator
                + read(launch.resolve("classpath")));
        args.add("io.streamsight.spark.StreamSightApp");
        args.addAll(List.of("--pipelines", options.pipelines()));
        return new Command("spark-app", args);
    }

    private Command quarkus(String name, String heap, int port, List<String> properties) {
        List<String> args = new ArrayList<>(List.of(java(), heap, "-javaagent:" + agentJar(),
                "-Dquarkus.http.port=" + port, "-Dkafka.bootstrap.servers=" + options.bootstrapServers()));
        args.addAll(properties);
        args.addAll(List.of("-jar", quarkusJar(name).toString()));
        return new Command(name, args);
    }

    private Path quarkusJar(String module) {
        return options.home().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private Path sparkLaunch() {
        return options.home().resolve("spark-app/target/launch");
    }

    /** local-stack's own jar, whose manifest names {@link ParentWatchdog} as agent. */
    private Path agentJar() {
        Path target = options.home().resolve("local-stack/target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("local-stack-.*\\.jar")
                            && !f.getFileName().toString().endsWith("-tests.jar"))
                    .findFirst().orElse(target.resolve("local-stack.jar"));
        } catch (IOException e) {
            return target.resolve("local-stack.jar");
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
