package io.streamsight.events.rules;

import io.streamsight.events.Severity;
import java.util.Optional;

/**
 * What a match sets on the alert, each part optional: the alert type (unless the amount alone
 * makes it {@code high_amount}), and floors under the severity and the risk score that the
 * amount gives (docs/design.md section 7's derived fields).
 */
public record RuleEffect(
        Optional<String> alertType, Optional<Severity> severityFloor, Optional<Integer> riskScoreFloor) {

    public static final RuleEffect NONE = new RuleEffect(Optional.empty(), Optional.empty(), Optional.empty());
}
