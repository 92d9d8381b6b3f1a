package io.streamsight.alert.delivery;

import io.streamsight.alert.config.AlertServiceConfig;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter between attempts, and the age after which an alert is given up.
 * The jitter ("equal jitter": half fixed, half random) keeps receivers that recover at once
 * from being hit by every queue in lockstep.
 */
record RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration maxAge) {

    static RetryPolicy of(AlertServiceConfig config) {
        return new RetryPolicy(
                config.webhooks().initialBackoff(),
                config.webhooks().maxBackoff(),
                config.webhooks().maxAge());
    }

    /** The wait after the given number of failed attempts (1 = first failure). */
    Duration backoff(int failedAttempts) {
        long ceiling = maxBackoff.toMillis();
        long exponential = initialBackoff.toMillis() << Math.min(failedAttempts - 1, 30);
        long capped = exponential <= 0 || exponential > ceiling ? ceiling : exponential;
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /** HTTP statuses worth retrying: server errors, timeouts and rate limiting; other 4xx will not change. */
    static boolean retryable(int status) {
        return status >= 500 || status == 408 || status == 425 || status == 429;
    }
}
