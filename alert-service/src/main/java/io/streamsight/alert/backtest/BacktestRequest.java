package io.streamsight.alert.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsight.events.EventJson;
import io.streamsight.events.rules.FraudRule;
import io.streamsight.events.rules.FraudRuleJson;
import io.streamsight.events.rules.InvalidRuleException;
import io.streamsight.service.problem.ProblemException;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * What to backtest: candidate rules that replace or join the rules in force by id (a rule is
 * switched off for the test with {@code "enabled": false}), over the transactions whose Kafka
 * timestamps fall in {@code [from, until)}: by default the last 24 hours, and never more than the
 * topic still holds.
 */
public record BacktestRequest(List<FraudRule> rules, Instant from, Instant until) {

    static final Duration DEFAULT_SPAN = Duration.ofHours(24);
    private static final Set<String> KEYS = Set.of("rules", "from", "until");
    /** Kafka timestamps are epoch milliseconds; past this year arithmetic on them is not worth defending. */
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** Reads and validates a request body; refusals name the field. */
    static BacktestRequest parse(String body, Instant now) {
        JsonNode tree;
        try {
            tree = body == null || body.isBlank() ? null : EventJson.mapper().readTree(body);
        } catch (IOException e) {
            throw invalid("<document>", "is not valid JSON");
        }
        if (!(tree instanceof ObjectNode object)) {
            throw invalid("<document>", "must be an object with 'rules' and optionally 'from' and 'until'");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw invalid(name, "is not a backtest field (rules, from, until)");
            }
        }
        JsonNode rules = object.get("rules");
        if (rules == null || !rules.isArray()) {
            throw invalid("rules", "must be a list of rules (it may be empty to test the rules in force)");
        }
        List<FraudRule> candidates;
        try {
            candidates = FraudRuleJson.readFile(EventJson.mapper()
                    .writeValueAsBytes(EventJson.mapper().createObjectNode().set("rules", rules)));
        } catch (InvalidRuleException e) {
            throw new ProblemException(400, "invalid-rule", "Invalid rule", e.getMessage());
        } catch (IOException e) {
            throw invalid("rules", "cannot be read: " + e.getMessage());
        }
        Instant until = instant(object, "until", now);
        Instant from = instant(object, "from", until.minus(DEFAULT_SPAN));
        if (!from.isBefore(until)) {
            throw invalid("from", "must be before 'until' (" + until + "), was " + from);
        }
        return new BacktestRequest(candidates, from, until);
    }

    private static Instant instant(ObjectNode object, String field, Instant fallback) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw invalid(field, "must be an ISO-8601 timestamp string");
        }
        Instant instant;
        try {
            instant = EventJson.parseInstant(value.asText());
        } catch (DateTimeException e) {
            throw invalid(field, "is not an ISO-8601 timestamp: '" + value.asText() + "'");
        }
        if (instant.isBefore(Instant.EPOCH) || instant.isAfter(LATEST)) {
            throw invalid(field, "must be between " + Instant.EPOCH + " and " + LATEST + ", was " + instant);
        }
        return instant;
    }

    private static ProblemException invalid(String field, String problem) {
        return new ProblemException(
                400, "invalid-backtest", "Invalid backtest", "field '" + field + "': " + problem, field);
    }
}
