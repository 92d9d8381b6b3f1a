package io.streamsight.alert.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsight.alert.Alert;
import io.streamsight.alert.AlertKind;
import io.streamsight.alert.lag.LagSnapshot.GroupLag;
import io.streamsight.events.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LagAlertPolicyTest {

    private static LagSnapshot snapshot(long at, LagStatus... statuses) {
        List<GroupLag> groups = new java.util.ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            groups.add(new GroupLag("g" + i, "EMPTY", 0, statuses[i], 10, 10, 2.0, Map.of(), Instant.ofEpochMilli(at), List.of()));
        }
        return new LagSnapshot("test", Instant.ofEpochMilli(at), groups);
    }

    @Test
    void enteringAnAlertingStatusRaisesOneAlertAndRecoveringResolvesIt() {
        LagAlertPolicy policy = new LagAlertPolicy();
        assertThat(policy.evaluate(snapshot(1, LagStatus.OK))).isEmpty();

        List<Alert> raised = policy.evaluate(snapshot(2, LagStatus.STOP));
        assertThat(raised).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.LAG);
            assertThat(a.alertType()).isEqualTo("consumer_lag_stop");
            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.orderingKey()).isEqualTo("g0");
        });
        assertThat(policy.evaluate(snapshot(3, LagStatus.STOP))).isEmpty();

        List<Alert> resolved = policy.evaluate(snapshot(4, LagStatus.OK));
        assertThat(resolved).singleElement().satisfies(a -> {
            assertThat(a.alertType()).isEqualTo(LagAlertPolicy.RESOLVED_TYPE);
            assertThat(((LagAlert) a.details()).resolves()).isEqualTo(raised.get(0).alertId());
            assertThat(((LagAlert) a.details()).previousStatus()).isEqualTo(LagStatus.STOP);
        });
    }

    @Test
    void idsAreDeterministicAndAChangeOfAlertingStatusResolvesThenRaises() {
        List<Alert> first = new LagAlertPolicy().evaluate(snapshot(5, LagStatus.WARN));
        LagAlertPolicy policy = new LagAlertPolicy();
        assertThat(policy.evaluate(snapshot(5, LagStatus.WARN))).extracting(Alert::alertId)
                .containsExactlyElementsOf(first.stream().map(Alert::alertId).toList());

        assertThat(policy.evaluate(snapshot(6, LagStatus.STALL))).extracting(Alert::alertType)
                .containsExactly(LagAlertPolicy.RESOLVED_TYPE, "consumer_lag_stall");
    }

    @Test
    void aRewindDoesNotAlertAndAGroupThatDisappearsIsResolved() {
        LagAlertPolicy policy = new LagAlertPolicy();
        assertThat(policy.evaluate(snapshot(1, LagStatus.REWIND))).isEmpty();
        policy.evaluate(snapshot(2, LagStatus.ERR));

        assertThat(policy.evaluate(snapshot(3))).singleElement().satisfies(a -> {
            assertThat(a.alertType()).isEqualTo(LagAlertPolicy.RESOLVED_TYPE);
            assertThat(((LagAlert) a.details()).status()).isNull();
        });
    }
}
