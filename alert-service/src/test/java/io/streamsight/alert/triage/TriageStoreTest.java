package io.streamsight.alert.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamsight.events.EventJson;
import io.streamsight.events.Topic;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A transaction's verdict when several of its alerts (its stateless alert and stateful ones) are
 * labelled: the latest label decides, and clearing one alert's label leaves the others'.
 */
class TriageStoreTest {

    private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TriageStore store = new TriageStore(null, registry);
    private long offset;

    @Test
    void theLatestLabelOfATransactionsAlertsDecidesAndClearingOneKeepsTheOthers() {
        label("fraud-tx1", AlertTriage.Disposition.LEGITIMATE, T);
        label("velocity-tx1", AlertTriage.Disposition.FRAUD, T.plusSeconds(60));
        assertThat(store.fraud("tx1")).contains(true);
        assertThat(labelled("fraud")).isEqualTo(1);
        assertThat(labelled("legitimate")).isZero();

        label("velocity-tx1", null, T.plusSeconds(120));
        assertThat(store.fraud("tx1")).as("the stateless alert's label remains").contains(false);
        assertThat(labelled("legitimate")).isEqualTo(1);

        label("fraud-tx1", null, T.plusSeconds(180));
        assertThat(store.fraud("tx1")).isEqualTo(Optional.empty());
        assertThat(labelled("fraud") + labelled("legitimate")).isZero();
    }

    private void label(String alertId, AlertTriage.Disposition disposition, Instant at) {
        AlertTriage triage =
                new AlertTriage(alertId, "tx1", AlertTriage.State.ACKNOWLEDGED, null, disposition, null, "alice", at);
        store.record(new ConsumerRecord<>(
                Topic.ALERT_LABELS.topicName(), 0, offset++, alertId, EventJson.writeBytes(triage)));
    }

    private double labelled(String disposition) {
        return registry.get("streamsight.alert.labels")
                .tag("disposition", disposition)
                .gauge()
                .value();
    }
}
