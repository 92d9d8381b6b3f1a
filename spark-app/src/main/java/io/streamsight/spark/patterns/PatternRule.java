package io.streamsight.spark.patterns;

import io.streamsight.events.Severity;
import java.util.Locale;

/**
 * The stateful rules: the id each puts in an alert's {@code rules}, and the alert type, severity
 * and risk score it gives. When several match one transaction, the first in this order sets the
 * type, and severity and risk score are the highest.
 */
public enum PatternRule {
    IMPOSSIBLE_TRAVEL("impossible_travel", Severity.HIGH, 90),
    VELOCITY("velocity", Severity.HIGH, 80),
    AMOUNT_VS_AVERAGE("unusual_amount", Severity.HIGH, 70);

    private final String alertType;
    private final Severity severity;
    private final int riskScore;

    PatternRule(String alertType, Severity severity, int riskScore) {
        this.alertType = alertType;
        this.severity = severity;
        this.riskScore = riskScore;
    }

    public String ruleId() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String alertType() {
        return alertType;
    }

    public Severity severity() {
        return severity;
    }

    public int riskScore() {
        return riskScore;
    }
}
