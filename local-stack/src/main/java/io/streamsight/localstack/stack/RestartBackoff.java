package io.streamsight.localstack.stack;

import java.time.Duration;

/**
 * How long the launcher waits before starting a crashed service again, the way Kubernetes backs
 * off a crash-looping container: 1 s, doubling to at most 30 s while the service keeps dying
 * soon after each start, and back to 1 s once a start has lived {@link #STABLE} or longer.
 */
final class RestartBackoff {

    static final Duration STABLE = Duration.ofMinutes(2);
    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration LONGEST = Duration.ofSeconds(30);

    private Duration next = FIRST;

    /** The wait before the next start of a service whose last start lived {@code lived}. */
    Duration afterCrash(Duration lived) {
        if (lived.compareTo(STABLE) >= 0) {
            next = FIRST;
        }
        Duration wait = next;
        next = next.multipliedBy(2).compareTo(LONGEST) > 0 ? LONGEST : next.multipliedBy(2);
        return wait;
    }
}
