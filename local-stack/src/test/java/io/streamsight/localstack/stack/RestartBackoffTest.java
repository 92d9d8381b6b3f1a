package io.streamsight.localstack.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {

    @Test
    void aServiceThatKeepsCrashingWaitsLongerEachTimeUpToHalfAMinute() {
        RestartBackoff backoff = new RestartBackoff();
        Duration quickCrash = Duration.ofSeconds(3);
        assertThat(java.util.stream.Stream.generate(() -> backoff.afterCrash(quickCrash))
                        .limit(8)
                        .map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    @Test
    void aStartThatLivedLongEnoughResetsThePause() {
        RestartBackoff backoff = new RestartBackoff();
        backoff.afterCrash(Duration.ZERO);
        backoff.afterCrash(Duration.ZERO);
        assertThat(backoff.afterCrash(Duration.ZERO)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.afterCrash(RestartBackoff.STABLE)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.afterCrash(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(2));
    }
}
