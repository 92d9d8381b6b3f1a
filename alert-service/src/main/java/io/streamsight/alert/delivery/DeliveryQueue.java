package io.streamsight.alert.delivery;

import io.streamsight.alert.ReceivedAlert;
import io.streamsight.alert.delivery.DeadLetters.DeadLetter;
import io.streamsight.alert.metrics.AlertMetrics;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The pending deliveries of one receiver. Alerts are spread over a few lanes by user (or sensor);
 * a lane sends one alert at a time and retries it until it is delivered or too old, so one user's
 * alerts arrive in order. All I/O is asynchronous: a slow or dead receiver only holds up its own
 * lanes, never another receiver's.
 */
final class DeliveryQueue {

    private static final Logger LOG = Logger.getLogger(DeliveryQueue.class);
    private static final int MAX_ERROR_LENGTH = 500;

    private final Receiver receiver;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final RetryPolicy retry;
    private final AlertMetrics metrics;
    private final DeadLetters deadLetters;
    private final Lane[] lanes;
    private volatile boolean closed;

    DeliveryQueue(
            Receiver receiver,
            int laneCount,
            HttpClient http,
            ScheduledExecutorService scheduler,
            RetryPolicy retry,
            AlertMetrics metrics,
            DeadLetters deadLetters) {
        this.receiver = receiver;
        this.http = http;
        this.scheduler = scheduler;
        this.retry = retry;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        this.lanes = new Lane[laneCount];
        for (int i = 0; i < laneCount; i++) {
            lanes[i] = new Lane();
        }
    }

    Receiver receiver() {
        return receiver;
    }

    /** Queues the alert; {@code settled} runs once it is delivered, dead-lettered or dropped by {@link #close}. */
    void enqueue(ReceivedAlert alert, Runnable settled) {
        String key = Objects.requireNonNullElse(
                alert.alert().orderingKey(), alert.alert().alertId());
        lanes[Math.floorMod(key.hashCode(), lanes.length)].add(new Pending(alert, settled, Instant.now()));
    }

    /** The receiver is gone (subscription deleted): pending alerts are settled without delivery. */
    void close() {
        closed = true;
        for (Lane lane : lanes) {
            lane.drain().forEach(p -> p.settled.run());
        }
    }

    private static final class Pending {
        final ReceivedAlert alert;
        final Runnable settled;
        final Instant enqueuedAt;
        int attempts;
        String lastError;

        Pending(ReceivedAlert alert, Runnable settled, Instant enqueuedAt) {
            this.alert = alert;
            this.settled = settled;
            this.enqueuedAt = enqueuedAt;
        }
    }

    private final class Lane {
        private final ArrayDeque<Pending> queue = new ArrayDeque<>();
        private boolean busy;

        void add(Pending pending) {
            synchronized (this) {
                queue.addLast(pending);
                if (busy) {
                    return;
                }
                busy = true;
            }
            attemptHead();
        }

        synchronized List<Pending> drain() {
            List<Pending> drained = new ArrayList<>(queue);
            queue.clear();
            return drained;
        }

        private void attemptHead() {
            Pending head;
            synchronized (this) {
                head = queue.peekFirst();
                if (head == null || closed) {
                    busy = false;
                    return;
                }
            }
            head.attempts++;
            try {
                http.sendAsync(
                                receiver.request(head.alert.alert(), head.attempts),
                                HttpResponse.BodyHandlers.ofString())
                        .whenComplete((response, error) -> outcome(head, response, error));
            } catch (RuntimeException e) {
                outcome(head, null, e);
            }
        }

        private void outcome(Pending head, HttpResponse<String> response, Throwable error) {
            if (error == null && response.statusCode() / 100 == 2) {
                metrics.delivered(receiver.type(), receiver.name(), head.alert, 1);
                finish(head);
                return;
            }
            head.lastError = error != null
                    ? describe(error)
                    : "HTTP " + response.statusCode() + ": " + truncate(response.body());
            metrics.failedAttempt(receiver.type(), receiver.name());
            boolean permanent = error == null && !RetryPolicy.retryable(response.statusCode());
            boolean tooOld = Instant.now().isAfter(head.enqueuedAt.plus(retry.maxAge()));
            if (permanent || tooOld) {
                deadLetters.write(new DeadLetter(
                        head.alert.alert().alertId(),
                        receiver.type(),
                        receiver.name(),
                        receiver.target(),
                        head.attempts,
                        head.lastError,
                        head.enqueuedAt,
                        Instant.now(),
                        head.alert.alert()));
                metrics.deadLettered(receiver.type(), receiver.name());
                finish(head);
                return;
            }
            Duration wait = retry.backoff(head.attempts);
            LOG.debugf(
                    "Attempt %d of alert %s to %s failed (%s); retrying in %d ms",
                    head.attempts, head.alert.alert().alertId(), receiver.target(), head.lastError, wait.toMillis());
            scheduler.schedule(this::attemptHead, wait.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void finish(Pending head) {
            synchronized (this) {
                if (queue.peekFirst() == head) {
                    queue.removeFirst();
                }
            }
            head.settled.run();
            attemptHead();
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static String truncate(String body) {
        return body == null || body.length() <= MAX_ERROR_LENGTH
                ? String.valueOf(body)
                : body.substring(0, MAX_ERROR_LENGTH) + "...";
    }
}
