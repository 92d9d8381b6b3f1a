package io.streamsight.alert.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeenIdsTest {

    /** The same answers as the insertion-ordered map it replaced, through growth, wrap-around and eviction. */
    @Test
    void answersLikeAnInsertionOrderedMapBoundedInSizeAndTime() {
        SplittableRandom random = new SplittableRandom(42);
        for (int maxEntries : new int[] {1, 3, 1000, 1024, 1025, 5000}) {
            SeenIds ids = new SeenIds(maxEntries);
            LinkedHashMap<String, Long> model = new LinkedHashMap<>();
            long now = 0;
            for (int op = 0; op < 60_000; op++) {
                now += random.nextInt(3);
                if (random.nextInt(100) == 0) {
                    long horizon = now - random.nextInt(2_000);
                    ids.forgetSeenBefore(horizon);
                    forgetSeenBefore(model, horizon);
                }
                String id = "fraud-" + random.nextInt(maxEntries * 3);
                boolean expected = !model.containsKey(id);
                if (expected) {
                    model.put(id, now);
                    if (model.size() > maxEntries) {
                        Iterator<?> oldest = model.entrySet().iterator();
                        oldest.next();
                        oldest.remove();
                    }
                }
                assertThat(ids.add(id, now))
                        .as("op %d, capacity %d, id %s", op, maxEntries, id)
                        .isEqualTo(expected);
                assertThat(ids.size()).isEqualTo(model.size());
            }
        }
    }

    @Test
    void refusesAWindowThatHoldsNothing() {
        assertThatThrownBy(() -> new SeenIds(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void forgetSeenBefore(LinkedHashMap<String, Long> model, long horizon) {
        Iterator<Map.Entry<String, Long>> it = model.entrySet().iterator();
        while (it.hasNext() && it.next().getValue() < horizon) {
            it.remove();
        }
    }
}
