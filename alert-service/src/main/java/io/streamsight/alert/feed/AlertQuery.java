package io.streamsight.alert.feed;

import io.streamsight.alert.AlertFilter;
import io.streamsight.alert.AlertKind;
import io.streamsight.events.Severity;
import io.streamsight.service.problem.ProblemException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads an {@link AlertFilter} from a query string: {@code kind}, {@code alert_type},
 * {@code min_severity}, {@code user_id}, {@code location}; a criterion may be repeated or
 * comma-separated. Any other parameter that the endpoint does not declare is refused, so a
 * typo never silently widens a filter.
 */
public final class AlertQuery {

    private static final Set<String> FILTER_FIELDS =
            Set.of("kind", "alert_type", "min_severity", "user_id", "location");

    private AlertQuery() {}

    public static AlertFilter filter(Map<String, List<String>> query, Set<String> otherParameters) {
        for (String name : query.keySet()) {
            if (!FILTER_FIELDS.contains(name) && !otherParameters.contains(name)) {
                throw new ProblemException(
                        400,
                        "unknown-field",
                        "Unknown filter field",
                        "'" + name + "' is not a filter field; known: "
                                + String.join(
                                        ", ", FILTER_FIELDS.stream().sorted().toList()));
            }
        }
        Set<String> severities = values(query, "min_severity");
        if (severities.size() > 1) {
            throw ProblemException.badRequest("min_severity takes one value");
        }
        return new AlertFilter(
                parse(
                        values(query, "kind"),
                        "kind",
                        name -> AlertKind.byWireName(name).orElse(null)),
                values(query, "alert_type"),
                severities.stream().findFirst().map(AlertQuery::severity).orElse(null),
                values(query, "user_id"),
                values(query, "location"));
    }

    public static int positiveInt(Map<String, List<String>> query, String name, int fallback, int max) {
        List<String> given = query.get(name);
        if (given == null || given.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(given.get(0));
            if (value >= 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, like an out-of-range value
        }
        throw ProblemException.badRequest(
                name + " must be an integer within 0.." + max + ", was '" + given.get(0) + "'");
    }

    public static Severity severity(String name) {
        return Arrays.stream(Severity.values())
                .filter(s -> s.wireName().equals(name))
                .findFirst()
                .orElseThrow(() -> ProblemException.badRequest("unknown severity '" + name + "'; known: "
                        + Arrays.stream(Severity.values())
                                .map(Severity::wireName)
                                .collect(Collectors.joining(", "))));
    }

    private static Set<String> values(Map<String, List<String>> query, String name) {
        return query.getOrDefault(name, List.of()).stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static <T> Set<T> parse(Set<String> names, String field, Function<String, T> lookup) {
        return names.stream()
                .map(name -> {
                    T value = lookup.apply(name);
                    if (value == null) {
                        throw ProblemException.badRequest("unknown " + field + " '" + name + "'");
                    }
                    return value;
                })
                .collect(Collectors.toSet());
    }
}
