package io.streamsight.localstack.stack;

import io.streamsight.events.Topic;
import io.streamsight.localstack.process.ParentWatchdog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The command lines of the stack's services, built from the project's Maven output: the
 * Quarkus fast-jars, and spark-app's classes with the classpath and JVM options its build writes
 * to {@code spark-app/target/launch/}. Heaps are fixed so that the whole stack stays within
 * 6 GiB (see README.md).
 */
final class StackServices {

    record Command(String name, List<String> args) {}

    static final String ALERT_HEAP = "-Xmx384m";
    static final String GENERATOR_HEAP = "-Xmx256m";
    static final String SPARK_HEAP = "-Xmx2g";
    static final String FRAUD_HEAP = "-Xmx768m";
    /**
     * The JDK HTTP client completes every response on CompletableFuture's default pool, which on a
     * machine of two or fewer cores is a new thread per task: one thread started per webhook
     * response, half of alert-service's CPU samples in the ReceiverOutage profile
     * (docs/reliability.md). A common pool of two makes it a pool. The image sets the same.
     */
    static final String HTTP_CALLBACK_POOL = "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2";
    /**
     * Micro-batch queries of a few records evaluate expressions interpreted instead of compiling
     * them: watermarks and batch timestamps are literals in generated code, so every batch of a
     * stateful query compiled new classes with Janino, a third of spark-app's CPU in the profile
     * (docs/benchmarks.md). The real-time fraud query compiles once per long batch and keeps codegen.
     */
    private static final List<String> MICRO_BATCH_CONF =
            List.of("-Dspark.sql.codegen.wholeStage=false", "-Dspark.sql.codegen.factoryMode=NO_CODEGEN");

    private final StackOptions options;
    private final String subscriptionToken;

    StackServices(StackOptions options, String subscriptionToken) {
        this.options = options;
        this.subscriptionToken = subscriptionToken;
    }

    /** Fails with the command to run when a service has not been built yet. */
    void checkBuilt() {
        List<Path> missing = Stream.of(
                        quarkusJar("alert-service"),
                        quarkusJar("generator-service"),
                        sparkLaunch().resolve("classpath"),
                        sparkLaunch().resolve("jvm.options"),
                        agentJar())
                .filter(p -> !Files.exists(p))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("not built yet: " + missing + "; run ./mvnw -DskipTests package");
        }
    }

    Command alertService() {
        return quarkus(
                "alert-service",
                ALERT_HEAP,
                options.alertPort(),
                List.of(
                        HTTP_CALLBACK_POOL,
                        "-Dstreamsight.webhooks.allow-loopback=true",
                        "-Dstreamsight.subscriptions.token=" + subscriptionToken));
    }

    Command generator() {
        return quarkus(
                "generator-service",
                GENERATOR_HEAP,
                options.generatorPort(),
                List.of(
                        "-Dgenerator.default-scenario.enabled=true",
                        "-Dgenerator.default-scenario.rate-per-second=" + options.ratePerSecond(),
                        "-Dgenerator.default-scenario.fraud-ratio=" + options.fraudRatio()));
    }

    /**
     * The real-time fraud pipeline in a Spark of its own, with exactly one task slot per
     * {@code transactions} partition: a real-time batch holds all of them for its whole length,
     * so nothing else may compete for them (docs/architecture.md, "The fraud query's task slots").
     */
    Optional<Command> sparkFraud() {
        if (options.realTimePipelines().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(spark(
                "spark-fraud",
                FRAUD_HEAP,
                "local[" + Topic.TRANSACTIONS.partitions() + "]",
                options.fraudUiPort(),
                options.realTimePipelines(),
                List.of()));
    }

    /** Every other requested pipeline, micro-batch queries sharing one Spark. */
    Optional<Command> sparkApp() {
        if (options.microBatchPipelines().isEmpty()) {
            return Optional.empty();
        }
        // Threads, not cores: queries wait on Kafka and checkpoints as much as they compute.
        return Optional.of(spark(
                "spark-app",
                SPARK_HEAP,
                "local[4]",
                options.sparkUiPort(),
                options.microBatchPipelines(),
                MICRO_BATCH_CONF));
    }

    private Command spark(
            String name, String heap, String master, int uiPort, List<String> pipelines, List<String> extraConf) {
        Path launch = sparkLaunch();
        List<String> args = new ArrayList<>();
        args.add(java());
        args.add(heap);
        args.addAll(List.of(read(launch.resolve("jvm.options")).split("\\s+")));
        args.add("-javaagent:" + agentJar());
        args.add("-Dspark.master=" + master);
        // One machine, small state: each shuffle partition is a state store every batch visits.
        args.add("-Dspark.sql.shuffle.partitions=2");
        args.addAll(extraConf);
        args.add("-Dlog4j2.configurationFile="
                + launch.resolve("log4j2.properties").toUri());
        args.add("-Dspark.ui.port=" + uiPort);
        args.add("-Dspark.streamsight.kafka.bootstrapServers=" + options.bootstrapServers());
        args.add("-Dspark.streamsight.checkpointBase="
                + options.dataDir().resolve("checkpoints").toUri());
        args.add("-cp");
        args.add(options.home().resolve("spark-app/target/classes")
                + java.io.File.pathSeparator
                + read(launch.resolve("classpath")));
        args.add("io.streamsight.spark.StreamSightApp");
        args.addAll(List.of("--pipelines", String.join(",", pipelines)));
        return new Command(name, args);
    }

    private Command quarkus(String name, String heap, int port, List<String> properties) {
        List<String> args = new ArrayList<>(List.of(
                java(),
                heap,
                "-javaagent:" + agentJar(),
                "-Dquarkus.http.port=" + port,
                "-Dkafka.bootstrap.servers=" + options.bootstrapServers()));
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
                    .findFirst()
                    .orElse(target.resolve("local-stack.jar"));
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
