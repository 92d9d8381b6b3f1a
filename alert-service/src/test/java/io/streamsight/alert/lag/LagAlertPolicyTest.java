package io.streamsight.alert.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsight.alert.Alert;
import io.streamsight.alert.AlertKind;
import io.streamsight.alert.intake.AlertDecoder;
import io.streamsight.alert.lag.LagSnapshot.GroupLag;
import io.streamsight.events.ConsumerLagAlert;
import io.streamsight.events.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LagAlertPolicyTest {

    private static LagSnapshot snapshot(long at, LagStatus... statuses) {
        List<GroupLag> groups = new ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            groups.add(new GroupLag(
                    "g" + i, "EMPTY", 0, statuses[i], 10, 10, 2.0, Map.of(), Instant.ofEpochMilli(at), List.of()));
        }
        return new LagSnapshot("test", Instant.ofEpochMilli(at), groups);
    }

    @Test
    void enteringAnAlertingStatusRaisesOneAlertAndRecoveringResolvesIt() {
        LagAlertPolicy policy = new LagAlertPolicy();
        assertThat(policy.evaluate(snapshot(1, LagStatus.OK))).isEmpty();

        List<ConsumerLagAlert> raised = policy.evaluate(snapshot(2, LagStatus.STOP));
        assertThat(raised).singleElement().satisfies(a -> {
            assertThat(a.alertType()).isEqualTo("consumer_lag_stop");
            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            Alert alert = AlertDecoder.fromLag(a);
            assertThat(alert.kind()).isEqualTo(AlertKind.LAG);
            assertThat(alert.orderingKey()).isEqualTo("g0");
        });
        assertThat(policy.evaluate(snapshot(3, LagStatus.STOP))).isEmpty();

        List<ConsumerLagAlert> resolved = policy.evaluate(snapshot(4, LagStatus.OK));
        assertThat(resolved).singleElement().satisfies(a -> {
            assertThat(a.alertType()).isEqualTo(LagAlertPolicy.RESOLVED_TYPE);
            assertThat(a.resolves()).isEqualTo(raised.get(0).alertId());
            assertThat(a.previousStatus()).isEqualTo("STOP");
        });
    }

    @Test
    void idsAreDeterministicAndAChangeOfAlertingStatusResolvesThenRaises() {
        List<ConsumerLagAlert> first = new LagAlertPolicy().evaluate(snapshot(5, LagStatus.WARN));
        LagAlertPolicy policy = new LagAlertPolicy();
        assertThat(policy.evaluate(snapshot(5, LagStatus.WARN)))
                .extracting(ConsumerLagAlert::alertId)
                .containsExactlyElementsOf(
                        first.stream().map(ConsumerLagAlert::alertId).toList());

        assertThat(policy.evaluate(snapshot(6, LagStatus.STALL)))
                .extracting(ConsumerLagAlert::alertType)
                .containsExactly(LagAlertPolicy.RESOLVED_TYPE, "consumer_lag_stall");
    }

    @Test
    void aRewindDoesNotAlertAndAGroupThatDisappearsIsResolved() {
        LagAlertPolicy policy = new LagAlertPolicy();
        assertThat(policy.evaluate(snapshot(1, LagStatus.REWIND))).isEmpty();
        policy.evaluate(snapshot(2, LagStatus.ERR));

        assertThat(policy.evaluate(snapshot(3))).singleElement().satisfies(a -> {
            assertThat(a.alertType()).isEqualTo(LagAlertPolicy.RESOLVED_TYPE);
            assertThat(a.status()).isNull();
        });
    }

    @Test
    void aPolicyTakingOverFromTheTopicRaisesNothingStillFiringAndResolvesWhatWas() {
        LagAlertPolicy before = new LagAlertPolicy();
        List<ConsumerLagAlert> topic = new ArrayList<>();
        topic.addAll(before.evaluate(snapshot(1, LagStatus.STOP, LagStatus.WARN)));
        topic.addAll(before.evaluate(snapshot(2, LagStatus.STOP, LagStatus.OK)));

        LagAlertPolicy after = new LagAlertPolicy();
        after.restore(topic);
        assertThat(after.evaluate(snapshot(3, LagStatus.STOP, LagStatus.OK)))
                .as("g0 still stopped, g1 resolved before")
                .isEmpty();
        assertThat(after.evaluate(snapshot(4, LagStatus.OK, LagStatus.OK)))
                .singleElement()
                .satisfies(a -> assertThat(a.resolves()).isEqualTo(topic.get(0).alertId()));
    }
}
