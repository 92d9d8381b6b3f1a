package io.streamsight.alert.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsight.alert.ReceivedAlert.SourceOffset;
import io.streamsight.service.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSE event id: the next unseen offset of every alert partition, what Last-Event-ID resumes from. */
class FeedPositionTest {

    @Test
    void aPositionAdvancesPastWhatWasSeenAndNamesItInItsEventId() {
        FeedPosition position = FeedPosition.start()
                .after(new SourceOffset("fraud_alerts", 1, 41))
                .after(new SourceOffset("fraud_alerts", 0, 7))
                .after(new SourceOffset("sensor_alerts", 2, 3));
        assertThat(position.eventId()).isEqualTo("fraud_alerts-0:8,fraud_alerts-1:42,sensor_alerts-2:4");
        assertThat(position.hasNotSeen(new SourceOffset("fraud_alerts", 1, 41))).isFalse();
        assertThat(position.hasNotSeen(new SourceOffset("fraud_alerts", 1, 42))).isTrue();
        assertThat(position.hasNotSeen(new SourceOffset("fraud_alerts", 2, 0)))
                .as("a partition not seen yet")
                .isTrue();
    }

    @Test
    void anOlderOffsetNeverMovesAPositionBack() {
        FeedPosition position = FeedPosition.start()
                .after(new SourceOffset("fraud_alerts", 0, 10))
                .after(new SourceOffset("fraud_alerts", 0, 3));
        assertThat(position.eventId()).isEqualTo("fraud_alerts-0:11");
    }

    @Test
    void anEventIdParsesBackToTheSamePosition() {
        String id = "fraud_alerts-0:8,fraud_alerts-1:42,sensor_alerts-2:4";
        assertThat(FeedPosition.parse(id).eventId()).isEqualTo(id);
        assertThat(FeedPosition.parse("").eventId()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "garbage",
                "fraud_alerts-0",
                ":5",
                "fraud_alerts-0:x",
                "fraud_alerts-0:99999999999999999999",
                "fraud_alerts-0:1,,sensor_alerts-0:2",
                "fraud_alerts-0:-5"
            })
    void aMalformedLastEventIdIsA400(String eventId) {
        assertThatThrownBy(() -> FeedPosition.parse(eventId))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.toProblem("/alerts/stream").status()).isEqualTo(400));
    }
}
