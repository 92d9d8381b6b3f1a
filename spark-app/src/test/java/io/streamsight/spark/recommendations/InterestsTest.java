package io.streamsight.spark.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InterestsTest {

    @Test
    void coPurchasesAddThreePerBuyerToTheUsersOwnInterest() {
        assertThat(Interests.scores(Map.of("a", 2L, "b", 1L), Map.of("b", 2L, "c", 1L)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("a", 2L, "b", 7L, "c", 3L));
    }

    @Test
    void topIsTheFiveBestNotBoughtWithTiesByItemId() {
        Map<String, Long> scores = Map.of("a", 1L, "b", 9L, "c", 3L, "d", 3L, "e", 1L, "f", 1L, "g", 5L);
        assertThat(Interests.top(scores, Set.of("g"))).containsExactly("b", "c", "d", "a", "e");
    }
}
