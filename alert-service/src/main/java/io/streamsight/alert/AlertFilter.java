package io.streamsight.alert;

import io.streamsight.events.Severity;
import java.util.Set;

/**
 * Which alerts a client or subscription wants. Every non-empty criterion must match (AND);
 * within a criterion any listed value matches (OR). A user or location criterion never matches
 * an alert that has no user or location (sensor alerts have neither).
 */
public record AlertFilter(
        Set<AlertKind> kind, Set<String> alertType, Severity minSeverity, Set<String> userId, Set<String> location) {

    public static final AlertFilter ALL = new AlertFilter(Set.of(), Set.of(), null, Set.of(), Set.of());

    public AlertFilter {
        kind = kind == null ? Set.of() : Set.copyOf(kind);
        alertType = alertType == null ? Set.of() : Set.copyOf(alertType);
        userId = userId == null ? Set.of() : Set.copyOf(userId);
        location = location == null ? Set.of() : Set.copyOf(location);
    }

    public boolean matches(Alert alert) {
        return (kind.isEmpty() || kind.contains(alert.kind()))
                && (alertType.isEmpty() || alertType.contains(alert.alertType()))
                && (minSeverity == null || alert.severity().compareTo(minSeverity) >= 0)
                && matchesIfListed(userId, alert.userId())
                && matchesIfListed(location, alert.location());
    }

    private static boolean matchesIfListed(Set<String> listed, String value) {
        return listed.isEmpty() || (value != null && listed.contains(value));
    }
}
