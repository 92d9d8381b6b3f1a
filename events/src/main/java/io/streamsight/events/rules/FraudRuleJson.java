package io.streamsight.events.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsight.events.EventJson;
import io.streamsight.events.Severity;
import io.streamsight.events.rules.RuleCondition.ComparisonOperator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The JSON form of rules (docs/rules.md). Reading is strict, unlike the events' tolerant reader:
 * an unknown key is far more likely a typo than a newer producer, and a typo in a rule would
 * silently change what is flagged. Every failure is an {@link InvalidRuleException} naming the field.
 */
public final class FraudRuleJson {

    /** The default rules of docs/design.md section 7, shipped in this jar. */
    public static final String DEFAULT_RULES_RESOURCE = "/io/streamsight/events/rules/default-fraud-rules.json";

    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    private static final Pattern ALERT_TYPE = Pattern.compile("[a-z0-9][a-z0-9_]{0,63}");
    private static final int MAX_DEPTH = 16;
    private static final int MAX_LIST = 1000;
    private static final Set<String> RULE_KEYS =
            Set.of("rule_id", "description", "enabled", "priority", "condition", "pattern", "sets", "mode");
    private static final Set<String> EFFECT_KEYS = Set.of("alert_type", "severity", "risk_score");
    private static final int DEFAULT_PRIORITY = 100;

    private static final ObjectMapper MAPPER = EventJson.mapper();

    private FraudRuleJson() {}

    public static FraudRule read(byte[] json) {
        if (json == null || json.length == 0) {
            throw new InvalidRuleException("<document>", "is empty");
        }
        return rule(tree(json), "");
    }

    public static FraudRule read(String json) {
        return read(json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    /** A rules file: {@code {"rules": [rule, ...]}} with unique ids. */
    public static List<FraudRule> readFile(byte[] json) {
        JsonNode root = tree(json);
        keys(root, "", Set.of("rules"));
        JsonNode rules = root.get("rules");
        if (rules == null || !rules.isArray()) {
            throw new InvalidRuleException("rules", "must be an array of rules");
        }
        List<FraudRule> result = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            FraudRule rule = rule(rules.get(i), "rules[" + i + "].");
            if (!ids.add(rule.ruleId())) {
                throw new InvalidRuleException("rules[" + i + "].rule_id", "duplicate rule id '" + rule.ruleId() + "'");
            }
            result.add(rule);
        }
        return List.copyOf(result);
    }

    /** The rules of the shipped default file. */
    public static List<FraudRule> defaults() {
        try (InputStream in = FraudRuleJson.class.getResourceAsStream(DEFAULT_RULES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RULES_RESOURCE + " is missing from the classpath");
            }
            return readFile(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String write(FraudRule rule) {
        try {
            return MAPPER.writeValueAsString(toTree(rule));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a rule is always serialisable", e);
        }
    }

    public static byte[] writeBytes(FraudRule rule) {
        return write(rule).getBytes(StandardCharsets.UTF_8);
    }

    /** The rule as a JSON tree, for embedding in a larger document. */
    public static ObjectNode toTree(FraudRule rule) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("rule_id", rule.ruleId());
        if (rule.description() != null) {
            node.put("description", rule.description());
        }
        node.put("enabled", rule.enabled());
        node.put("priority", rule.priority());
        if (rule.mode() == FraudRule.Mode.SHADOW) {
            node.put("mode", "shadow");
        }
        if (rule.stateful()) {
            node.set("pattern", patternTree(rule.pattern()));
        } else {
            node.set("condition", conditionTree(rule.condition()));
        }
        ObjectNode sets = node.putObject("sets");
        rule.sets().alertType().ifPresent(t -> sets.put("alert_type", t));
        rule.sets().severityFloor().ifPresent(s -> sets.put("severity", s.wireName()));
        rule.sets().riskScoreFloor().ifPresent(r -> sets.put("risk_score", r));
        return node;
    }

    private static JsonNode tree(byte[] json) {
        if (json == null || json.length == 0) {
            throw new InvalidRuleException("<document>", "is empty");
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new InvalidRuleException("<document>", "must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidRuleException(
                    "<document>",
                    "is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static FraudRule rule(JsonNode node, String prefix) {
        if (!node.isObject()) {
            throw new InvalidRuleException(
                    prefix.isEmpty() ? "<document>" : prefix.substring(0, prefix.length() - 1),
                    "must be a JSON object");
        }
        keys(node, prefix, RULE_KEYS);
        String id = text(node, "rule_id", prefix, true);
        if (!RULE_ID.matcher(id).matches()) {
            throw new InvalidRuleException(
                    prefix + "rule_id",
                    "must be 1 to 64 of a-z, 0-9, '_', '.', '-', starting with a letter or digit, was '" + id + "'");
        }
        String description = text(node, "description", prefix, false);
        boolean enabled = true;
        if (node.has("enabled")) {
            if (!node.get("enabled").isBoolean()) {
                throw new InvalidRuleException(prefix + "enabled", "must be true or false");
            }
            enabled = node.get("enabled").booleanValue();
        }
        int priority = DEFAULT_PRIORITY;
        if (node.has("priority")) {
            JsonNode p = node.get("priority");
            if (!p.isIntegralNumber() || !p.canConvertToInt()) {
                throw new InvalidRuleException(prefix + "priority", "must be an integer");
            }
            priority = p.intValue();
        }
        JsonNode condition = node.get("condition");
        JsonNode pattern = node.get("pattern");
        boolean hasCondition = condition != null && !condition.isNull();
        boolean hasPattern = pattern != null && !pattern.isNull();
        if (hasCondition == hasPattern) {
            throw new InvalidRuleException(
                    prefix + "condition",
                    hasCondition
                            ? "a rule has a condition (stateless) or a pattern (stateful), not both"
                            : "is required, or a pattern for a stateful rule");
        }
        String mode = text(node, "mode", prefix, false);
        if (mode != null && !mode.equals("live") && !mode.equals("shadow")) {
            throw new InvalidRuleException(prefix + "mode", "must be 'live' or 'shadow', was '" + mode + "'");
        }
        return new FraudRule(
                id,
                description,
                enabled,
                priority,
                hasCondition ? condition(condition, prefix + "condition", 1) : null,
                hasPattern ? pattern(pattern, prefix + "pattern") : null,
                effect(node.get("sets"), prefix + "sets"),
                "shadow".equals(mode) ? FraudRule.Mode.SHADOW : FraudRule.Mode.LIVE);
    }

    private static RuleEffect effect(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return RuleEffect.NONE;
        }
        if (!node.isObject()) {
            throw new InvalidRuleException(path, "must be an object");
        }
        keys(node, path + ".", EFFECT_KEYS);
        Optional<String> alertType = Optional.ofNullable(text(node, "alert_type", path + ".", false));
        alertType.filter(t -> !ALERT_TYPE.matcher(t).matches()).ifPresent(t -> {
            throw new InvalidRuleException(path + ".alert_type", "must be 1 to 64 of a-z, 0-9, '_', was '" + t + "'");
        });
        Optional<Severity> severity = Optional.ofNullable(text(node, "severity", path + ".", false))
                .map(s -> {
                    try {
                        return Severity.valueOf(s.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new InvalidRuleException(
                                path + ".severity", "must be info, low, medium, high or critical, was '" + s + "'");
                    }
                });
        Optional<Integer> riskScore = Optional.empty();
        if (node.has("risk_score")) {
            JsonNode r = node.get("risk_score");
            if (!r.isIntegralNumber() || r.intValue() < 0 || r.intValue() > 100) {
                throw new InvalidRuleException(path + ".risk_score", "must be an integer from 0 to 100, was " + r);
            }
            riskScore = Optional.of(r.intValue());
        }
        return new RuleEffect(alertType, severity, riskScore);
    }

    private static RulePattern pattern(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new InvalidRuleException(path, "must be an object: {type, ...} (docs/rules.md)");
        }
        String prefix = path + ".";
        String type = text(node, "type", prefix, true);
        return switch (type) {
            case RulePattern.Velocity.TYPE -> {
                keys(node, prefix, Set.of("type", "count", "window_seconds"));
                int count = integer(node, "count", prefix);
                int seconds = integer(node, "window_seconds", prefix);
                yield checked(prefix, () -> new RulePattern.Velocity(count, Duration.ofSeconds(seconds)));
            }
            case RulePattern.UnusualAmount.TYPE -> {
                keys(node, prefix, Set.of("type", "factor", "min_count"));
                BigDecimal factor = number(node, "factor", prefix);
                int minCount = integer(node, "min_count", prefix);
                yield checked(prefix, () -> new RulePattern.UnusualAmount(factor, minCount));
            }
            case RulePattern.ImpossibleTravel.TYPE -> {
                keys(node, prefix, Set.of("type", "max_speed_kmh"));
                BigDecimal maxSpeed = number(node, "max_speed_kmh", prefix);
                yield checked(prefix, () -> new RulePattern.ImpossibleTravel(maxSpeed));
            }
            default ->
                throw new InvalidRuleException(
                        prefix + "type",
                        "must be " + RulePattern.Velocity.TYPE + ", " + RulePattern.UnusualAmount.TYPE + " or "
                                + RulePattern.ImpossibleTravel.TYPE + ", was '" + type + "'");
        };
    }

    /** A pattern's own range checks name its field alone; this puts the rule's path in front. */
    private static RulePattern checked(String prefix, Supplier<RulePattern> pattern) {
        try {
            return pattern.get();
        } catch (InvalidRuleException e) {
            throw e.under(prefix);
        }
    }

    private static int integer(JsonNode node, String key, String prefix) {
        JsonNode value = node.get(key);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new InvalidRuleException(prefix + key, "must be an integer, was " + value);
        }
        return value.intValue();
    }

    private static BigDecimal number(JsonNode node, String key, String prefix) {
        JsonNode value = node.get(key);
        if (value == null || !value.isNumber()) {
            throw new InvalidRuleException(prefix + key, "must be a number, was " + value);
        }
        return value.decimalValue();
    }

    private static RuleCondition condition(JsonNode node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidRuleException(path, "nests deeper than " + MAX_DEPTH + " levels");
        }
        if (!node.isObject()) {
            throw new InvalidRuleException(
                    path, "must be an object: {all|any: [...]}, {not: ...} or {field, op, value|values}");
        }
        if (node.has("all") || node.has("any")) {
            String key = node.has("all") ? "all" : "any";
            keys(node, path + ".", Set.of(key));
            List<RuleCondition> parts = conditions(node.get(key), path + "." + key, depth);
            return key.equals("all") ? new RuleCondition.All(parts) : new RuleCondition.Any(parts);
        }
        if (node.has("not")) {
            keys(node, path + ".", Set.of("not"));
            return new RuleCondition.Not(condition(node.get("not"), path + ".not", depth + 1));
        }
        if (!node.has("field")) {
            throw new InvalidRuleException(path, "must have 'all', 'any', 'not' or 'field'");
        }
        TransactionField field = TransactionField.byJsonName(text(node, "field", path + ".", true), path + ".field");
        String op = text(node, "op", path + ".", true);
        if (op.equals("in") || op.equals("not_in")) {
            keys(node, path + ".", Set.of("field", "op", "values"));
            if (field.numeric()) {
                throw new InvalidRuleException(
                        path + ".op", "'" + op + "' applies to text fields, not '" + field.jsonName() + "'");
            }
            JsonNode values = node.get("values");
            if (values == null || !values.isArray() || values.isEmpty() || values.size() > MAX_LIST) {
                throw new InvalidRuleException(
                        path + ".values", "must be a non-empty array of at most " + MAX_LIST + " strings");
            }
            Set<String> set = new LinkedHashSet<>();
            for (int i = 0; i < values.size(); i++) {
                if (!values.get(i).isTextual()) {
                    throw new InvalidRuleException(path + ".values[" + i + "]", "must be a string");
                }
                set.add(values.get(i).textValue());
            }
            return new RuleCondition.Membership(field, op.equals("not_in"), set);
        }
        keys(node, path + ".", Set.of("field", "op", "value"));
        ComparisonOperator operator;
        try {
            operator = ComparisonOperator.valueOf(op.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRuleException(
                    path + ".op", "unknown operator '" + op + "', expected eq, ne, gt, gte, lt, lte, in or not_in");
        }
        JsonNode value = node.get("value");
        if (value == null || value.isNull()) {
            throw new InvalidRuleException(path + ".value", "is required");
        }
        if (field.numeric()) {
            if (!value.isNumber()) {
                throw new InvalidRuleException(
                        path + ".value", "must be a number for '" + field.jsonName() + "', was " + value);
            }
            return new RuleCondition.Comparison(field, operator, value.decimalValue());
        }
        if (operator.ordering()) {
            throw new InvalidRuleException(
                    path + ".op",
                    "'" + op + "' compares numbers; '" + field.jsonName() + "' is text (use eq, ne, in, not_in)");
        }
        if (!value.isTextual()) {
            throw new InvalidRuleException(
                    path + ".value", "must be a string for '" + field.jsonName() + "', was " + value);
        }
        return new RuleCondition.Comparison(field, operator, value.textValue());
    }

    private static List<RuleCondition> conditions(JsonNode array, String path, int depth) {
        if (array == null || !array.isArray() || array.isEmpty() || array.size() > MAX_LIST) {
            throw new InvalidRuleException(path, "must be a non-empty array of conditions");
        }
        List<RuleCondition> parts = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            parts.add(condition(array.get(i), path + "[" + i + "]", depth + 1));
        }
        return parts;
    }

    private static JsonNode patternTree(RulePattern pattern) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", pattern.type());
        if (pattern instanceof RulePattern.Velocity velocity) {
            node.put("count", velocity.count());
            node.put("window_seconds", velocity.window().toSeconds());
        } else if (pattern instanceof RulePattern.UnusualAmount average) {
            node.put("factor", average.factor());
            node.put("min_count", average.minCount());
        } else if (pattern instanceof RulePattern.ImpossibleTravel travel) {
            node.put("max_speed_kmh", travel.maxSpeedKmh());
        }
        return node;
    }

    private static JsonNode conditionTree(RuleCondition condition) {
        ObjectNode node = MAPPER.createObjectNode();
        if (condition instanceof RuleCondition.All all) {
            all.conditions().forEach(c -> node.withArray("all").add(conditionTree(c)));
        } else if (condition instanceof RuleCondition.Any any) {
            any.conditions().forEach(c -> node.withArray("any").add(conditionTree(c)));
        } else if (condition instanceof RuleCondition.Not not) {
            node.set("not", conditionTree(not.condition()));
        } else if (condition instanceof RuleCondition.Comparison c) {
            node.put("field", c.field().jsonName());
            node.put("op", c.op().name().toLowerCase(Locale.ROOT));
            if (c.value() instanceof BigDecimal number) {
                node.put("value", number);
            } else {
                node.put("value", (String) c.value());
            }
        } else if (condition instanceof RuleCondition.Membership m) {
            node.put("field", m.field().jsonName());
            node.put("op", m.negated() ? "not_in" : "in");
            ArrayNode values = node.putArray("values");
            m.values().stream().sorted().forEach(values::add);
        }
        return node;
    }

    private static void keys(JsonNode node, String prefix, Set<String> allowed) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (!allowed.contains(key)) {
                throw new InvalidRuleException(
                        prefix + key,
                        "unknown key, expected one of "
                                + allowed.stream().sorted().toList());
            }
        }
    }

    private static String text(JsonNode node, String key, String prefix, boolean required) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                throw new InvalidRuleException(prefix + key, "is required");
            }
            return null;
        }
        if (!value.isTextual() || (required && value.textValue().isBlank())) {
            throw new InvalidRuleException(prefix + key, "must be a non-blank string");
        }
        return value.textValue();
    }
}
