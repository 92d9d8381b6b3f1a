package io.streamsight.alert.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DedupWindowTest {

    @Test
    void anIdIsNewOnceWithinTheWindow() {
        DedupWindow dedup = new DedupWindow(Duration.ofMinutes(10), 1_000);
        Instant now = Instant.now();
        assertThat(dedup.firstSighting("a", now)).isTrue();
        assertThat(dedup.firstSighting("a", now.plusSeconds(1))).isFalse();
        assertThat(dedup.firstSighting("b", now)).isTrue();
    }

    @Test
    void anIdSeenBeforeTheWindowIsNewAgain() {
        DedupWindow dedup = new DedupWindow(Duration.ofMinutes(10), 1_000);
        Instant now = Instant.now();
        assertThat(dedup.firstSighting("old", now.minus(Duration.ofMinutes(11))))
                .isTrue();
        assertThat(dedup.firstSighting("new", now)).isTrue();
        assertThat(dedup.firstSighting("old", now))
                .as("forgotten once older than the window")
                .isTrue();
    }

    @Test
    void beyondItsSizeTheOldestIdsAreForgottenFirst() {
        DedupWindow dedup = new DedupWindow(Duration.ofMinutes(10), 3);
        Instant now = Instant.now();
        for (String id : new String[] {"1", "2", "3", "4"}) {
            assertThat(dedup.firstSighting(id, now)).isTrue();
        }
        assertThat(dedup.firstSighting("4", now)).isFalse();
        assertThat(dedup.firstSighting("1", now))
                .as("the oldest, evicted for size")
                .isTrue();
    }
}
