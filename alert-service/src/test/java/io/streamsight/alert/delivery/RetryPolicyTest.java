package io.streamsight.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

    private final RetryPolicy policy =
            new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofHours(1));

    @Test
    void theWaitDoublesWithJitterInItsUpperHalfAndStopsAtTheMaximum() {
        for (int attempt = 1; attempt <= 40; attempt++) {
            long capped = Math.min(100L << Math.min(attempt - 1, 30), 10_000);
            for (int sample = 0; sample < 50; sample++) {
                assertThat(policy.backoff(attempt).toMillis())
                        .as("attempt " + attempt)
                        .isBetween(capped / 2, capped);
            }
        }
    }

    @Test
    void aHugeAttemptCountDoesNotOverflowIntoNoWait() {
        assertThat(policy.backoff(Integer.MAX_VALUE).toMillis()).isBetween(5_000L, 10_000L);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 408, 425, 429})
    void serverErrorsTimeoutsAndRateLimitsAreRetried(int status) {
        assertThat(RetryPolicy.retryable(status)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 410, 413, 422})
    void otherClientErrorsWillNotChangeAndAreNot(int status) {
        assertThat(RetryPolicy.retryable(status)).isFalse();
    }
}
