package io.streamsight.alert.rules;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.streamsight.events.rules.RuleChange;
import java.util.List;
import java.util.stream.IntStream;

/** A rule's recorded changes as {@code GET /rules/{id}/history} shows them: version {@code n} is the rule after change {@code n}. */
public record RuleHistoryView(String ruleId, List<Version> versions) {

    static RuleHistoryView of(String ruleId, List<RuleChange> changes) {
        return new RuleHistoryView(
                ruleId,
                IntStream.range(0, changes.size())
                        .mapToObj(i -> new Version(i + 1, changes.get(i)))
                        .toList());
    }

    /** One change with the number of the version it made, its fields beside {@code version}. */
    public record Version(int version, @JsonUnwrapped RuleChange change) {}
}
