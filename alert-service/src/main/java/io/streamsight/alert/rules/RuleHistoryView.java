package io.streamsight.alert.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsight.events.rules.RuleChange;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/** A rule's recorded changes as {@code GET /rules/{id}/history} shows them: version {@code n} is the rule after change {@code n}. */
public record RuleHistoryView(String ruleId, List<Version> versions) {

    static RuleHistoryView of(String ruleId, List<RuleChange> changes) {
        return new RuleHistoryView(
                ruleId,
                IntStream.range(0, changes.size())
                        .mapToObj(i -> Version.of(i + 1, changes.get(i)))
                        .toList());
    }

    public record Version(
            int version,
            RuleChange.Action action,
            String actor,
            Instant at,
            ObjectNode before,
            ObjectNode after,
            long sourceOffset,
            Integer rolledBackTo) {

        static Version of(int version, RuleChange change) {
            return new Version(
                    version,
                    change.action(),
                    change.actor(),
                    change.at(),
                    change.before(),
                    change.after(),
                    change.sourceOffset(),
                    change.rolledBackTo());
        }
    }
}
