package io.streamsight.alert.triage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsight.events.EventJson;
import io.streamsight.service.problem.ProblemException;
import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * A {@code PUT /alerts/{id}/triage} body: the fields to change, the others kept. {@code null}
 * clears {@code assignee}, {@code disposition} or {@code note}.
 */
final class TriageChange {

    private static final Set<String> KEYS = Set.of("state", "assignee", "disposition", "note");
    private static final int MAX_TEXT = 500;

    private final ObjectNode fields;

    private TriageChange(ObjectNode fields) {
        this.fields = fields;
    }

    static TriageChange parse(String body) {
        JsonNode tree;
        try {
            tree = body == null || body.isBlank() ? null : EventJson.mapper().readTree(body);
        } catch (IOException e) {
            throw invalid("<document>", "is not valid JSON");
        }
        if (!(tree instanceof ObjectNode object) || object.isEmpty()) {
            throw invalid("<document>", "must be an object with state, assignee, disposition and/or note");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw invalid(name, "is not a triage field (state, assignee, disposition, note)");
            }
        }
        TriageChange change = new TriageChange(object);
        // validated now, so a bad value is refused before anything is written
        change.applyTo(AlertTriage.untouched("-", null), "-", Instant.EPOCH);
        return change;
    }

    AlertTriage applyTo(AlertTriage current, String actor, Instant at) {
        return new AlertTriage(
                current.alertId(),
                current.transactionId(),
                fields.has("state") ? choice(AlertTriage.State.class, "state", false) : current.state(),
                fields.has("assignee") ? text("assignee") : current.assignee(),
                fields.has("disposition")
                        ? choice(AlertTriage.Disposition.class, "disposition", true)
                        : current.disposition(),
                fields.has("note") ? text("note") : current.note(),
                actor,
                at);
    }

    private <E extends Enum<E>> E choice(Class<E> type, String field, boolean nullable) {
        JsonNode value = fields.get(field);
        if (value.isNull() && nullable) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(field, "must be one of " + names(type));
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(value.asText())) {
                return constant;
            }
        }
        throw invalid(field, "must be one of " + names(type) + ", was '" + value.asText() + "'");
    }

    private String text(String field) {
        JsonNode value = fields.get(field);
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > MAX_TEXT) {
            throw invalid(field, "must be a non-blank string of at most " + MAX_TEXT + " characters, or null");
        }
        return value.asText();
    }

    private static <E extends Enum<E>> String names(Class<E> type) {
        StringBuilder names = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            names.append(names.isEmpty() ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
        }
        return names.toString();
    }

    private static ProblemException invalid(String field, String problem) {
        return new ProblemException(
                400, "invalid-triage", "Invalid triage", "field '" + field + "': " + problem, field);
    }
}
