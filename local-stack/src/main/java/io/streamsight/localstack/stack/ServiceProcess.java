package io.streamsight.localstack.stack;

import io.streamsight.localstack.process.ParentWatchdog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One service of the local stack in a child JVM: output appended to its log file, standard
 * input held open so that {@link ParentWatchdog} ends it if the launcher dies.
 */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    private final String name;
    private final List<String> command;
    private final Path workingDir;
    private final Process process;
    private final Path log;
    private final long startedAt = System.nanoTime();

    private ServiceProcess(String name, List<String> command, Path workingDir, Process process, Path log) {
        this.name = name;
        this.command = command;
        this.workingDir = workingDir;
        this.process = process;
        this.log = log;
    }

    static ServiceProcess start(String name, List<String> command, Path log, Path workingDir) {
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new ServiceProcess(name, command, workingDir, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** The same command again, its output appended to the same log. */
    ServiceProcess startAgain() {
        return start(name, command, log, workingDir);
    }

    /** How long this start lived (or has lived so far). */
    Duration lived() {
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    /** The exit code, or -1 while it runs. */
    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code url} answers 200, failing early if the process exits. */
    void awaitHttpOk(URI url, Duration timeout, Runnable onWait) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + log);
            }
            if (answersOk(url)) {
                return;
            }
            onWait.run();
            sleep(1000);
        }
        throw new IllegalStateException(name + " did not answer " + url + " within " + timeout + "; see " + log);
    }

    static boolean answersOk(URI url) {
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException notListening) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Asks the process to stop (SIGTERM, so its shutdown hooks run), then forces it. */
    void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
