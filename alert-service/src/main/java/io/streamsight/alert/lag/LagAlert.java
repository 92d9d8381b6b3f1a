package io.streamsight.alert.lag;

/**
 * The {@code details} of a lag alert. A resolved notice names the alert it resolves in
 * {@code resolves}, and {@code previousStatus} is that alert's status; {@code status} is null
 * when the group is no longer reported (deleted, or expired).
 */
public record LagAlert(String clusterName, String group, LagStatus status, LagStatus previousStatus, long maxLag,
        long sumLag, Double maxLagSeconds, String resolves) {
}
