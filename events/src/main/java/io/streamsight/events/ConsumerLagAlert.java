package io.streamsight.events;

import java.time.Instant;

/**
 * A consumer group entering a lagging status (WARN, ERR, STOP, STALL), or a notice that it left
 * it, keyed by {@code group} on {@code lag_alerts}; raised by alert-service's lag exporter. A
 * resolved notice names the alert it resolves in {@code resolves}, with that alert's status as
 * {@code previous_status}; {@code status} is null when the group is no longer reported.
 */
public record ConsumerLagAlert(
        String alertId,
        String alertType,
        Severity severity,
        String clusterName,
        String group,
        String status,
        String previousStatus,
        long maxLag,
        long sumLag,
        Double maxLagSeconds,
        String resolves,
        Instant detectedAt) {

    public ConsumerLagAlert {
        EventFields.required(alertId, "alert_id");
        EventFields.required(alertType, "alert_type");
        EventFields.required(severity, "severity");
        EventFields.required(clusterName, "cluster_name");
        EventFields.required(group, "group");
        EventFields.required(detectedAt, "detected_at");
        if (resolves != null) {
            EventFields.required(previousStatus, "previous_status");
        }
    }
}
