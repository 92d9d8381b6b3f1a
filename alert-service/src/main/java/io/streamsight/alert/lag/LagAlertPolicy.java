package io.streamsight.alert.lag;

import io.streamsight.alert.lag.LagSnapshot.GroupLag;
import io.streamsight.events.AlertIds;
import io.streamsight.events.ConsumerLagAlert;
import io.streamsight.events.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which lag alerts a new snapshot raises: a group entering an alerting status (WARN, ERR, STOP,
 * STALL) raises an alert; leaving it (back to OK, to REWIND, or to another alerting status, or
 * disappearing) sends a resolved notice for that alert. Ids are deterministic: the same group,
 * status and poll time always give the same {@code alert_id}.
 */
public final class LagAlertPolicy {

    public static final String KIND = "lag";
    public static final String RESOLVED_TYPE = "consumer_lag_resolved";

    private final Map<String, ConsumerLagAlert> firing = new HashMap<>();

    public static String alertType(LagStatus status) {
        return "consumer_lag_" + status.name().toLowerCase(Locale.ROOT);
    }

    public static Severity severity(LagStatus status) {
        return status == LagStatus.WARN ? Severity.MEDIUM : Severity.HIGH;
    }

    /**
     * Takes over what was raised before (the {@code lag_alerts} topic, oldest first): an alert
     * without a later resolved notice for its group is still firing, and is not raised again.
     */
    public void restore(List<ConsumerLagAlert> raisedBefore) {
        firing.clear();
        for (ConsumerLagAlert alert : raisedBefore) {
            if (alert.resolves() != null) {
                firing.remove(alert.group());
            } else {
                firing.put(alert.group(), alert);
            }
        }
    }

    public List<ConsumerLagAlert> evaluate(LagSnapshot snapshot) {
        List<ConsumerLagAlert> alerts = new ArrayList<>();
        Instant at = snapshot.polledAt();
        Set<String> reported = new HashSet<>();
        for (GroupLag group : snapshot.groups()) {
            reported.add(group.group());
            ConsumerLagAlert current = firing.get(group.group());
            LagStatus currentStatus = current == null ? null : LagStatus.valueOf(current.status());
            if (group.status() == currentStatus) {
                continue;
            }
            if (current != null) {
                alerts.add(resolved(snapshot.clusterName(), group.group(), group, current, at));
                firing.remove(group.group());
            }
            if (group.status().alerting()) {
                ConsumerLagAlert raised = raised(snapshot.clusterName(), group, at);
                firing.put(group.group(), raised);
                alerts.add(raised);
            }
        }
        for (Iterator<Map.Entry<String, ConsumerLagAlert>> it =
                        firing.entrySet().iterator();
                it.hasNext(); ) {
            Map.Entry<String, ConsumerLagAlert> entry = it.next();
            if (!reported.contains(entry.getKey())) {
                alerts.add(resolved(snapshot.clusterName(), entry.getKey(), null, entry.getValue(), at));
                it.remove();
            }
        }
        return alerts;
    }

    private static ConsumerLagAlert raised(String cluster, GroupLag group, Instant at) {
        LagStatus status = group.status();
        return new ConsumerLagAlert(
                id(cluster, group.group(), status.name(), at),
                alertType(status),
                severity(status),
                cluster,
                group.group(),
                status.name(),
                null,
                group.maxLag(),
                group.sumLag(),
                group.maxLagSeconds(),
                null,
                at);
    }

    private static ConsumerLagAlert resolved(
            String cluster, String group, GroupLag now, ConsumerLagAlert firingAlert, Instant at) {
        return new ConsumerLagAlert(
                id(cluster, group, "resolved", at),
                RESOLVED_TYPE,
                Severity.INFO,
                cluster,
                group,
                now == null ? null : now.status().name(),
                firingAlert.status(),
                now == null ? 0 : now.maxLag(),
                now == null ? 0 : now.sumLag(),
                now == null ? null : now.maxLagSeconds(),
                firingAlert.alertId(),
                at);
    }

    private static String id(String cluster, String group, String what, Instant at) {
        return AlertIds.of(KIND, cluster + "/" + group + ":" + what + ":" + at.toEpochMilli());
    }
}
