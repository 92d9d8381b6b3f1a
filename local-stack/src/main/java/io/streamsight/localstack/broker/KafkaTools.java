package io.streamsight.localstack.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of Kafka's own command-line tools (for example
 * {@code org.apache.kafka.tools.ProducerPerformance}) in a child JVM with the broker's Kafka
 * version, so that benchmarks compare StreamSight against Kafka's reference tools on the same
 * broker without putting a second kafka-clients on the caller's classpath.
 */
public final class KafkaTools {

    public static final String PRODUCER_PERFORMANCE = "org.apache.kafka.tools.ProducerPerformance";
    public static final String CONSUMER_PERFORMANCE = "org.apache.kafka.tools.ConsumerPerformance";

    private KafkaTools() {}

    /** Runs the tool to completion and returns its standard output and error; fails on a non-zero exit. */
    public static String run(String toolClass, List<String> args, Duration timeout) {
        List<String> command = KafkaJvm.command(List.of("-Xmx1g"), toolClass, args);
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(toolClass + " did not finish within " + timeout);
            }
            String text = output.join();
            if (process.exitValue() != 0) {
                throw new IllegalStateException(toolClass + " exited with " + process.exitValue() + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + toolClass, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + toolClass, e);
        }
    }
}
