package io.streamsight.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A flagged transaction, keyed by {@code user_id} on {@code fraud_alerts}. One alert per
 * transaction, listing every rule that matched; {@code alert_id} is derived from the
 * transaction id (see {@link AlertIds}). {@code explanations} gives, per matched rule, the values
 * that made it fire ({@code "amount 12000.00 > 10000"}); absent in alerts written before it
 * existed, which read as an empty map.
 */
public record FraudAlert(
        String alertId,
        String transactionId,
        String userId,
        BigDecimal amount,
        String category,
        String merchant,
        String location,
        Instant timestamp,
        String alertType,
        Severity severity,
        Integer riskScore,
        List<String> rules,
        Instant detectedAt,
        Map<String, List<String>> explanations) {

    public FraudAlert {
        EventFields.required(alertId, "alert_id");
        EventFields.required(transactionId, "transaction_id");
        EventFields.required(userId, "user_id");
        EventFields.amount(amount, "amount");
        EventFields.required(category, "category");
        EventFields.required(merchant, "merchant");
        EventFields.required(location, "location");
        EventFields.required(timestamp, "timestamp");
        EventFields.required(alertType, "alert_type");
        EventFields.required(severity, "severity");
        EventFields.required(riskScore, "risk_score");
        if (riskScore < 0 || riskScore > 100) {
            throw new MalformedEventException("risk_score", "must be within 0..100, was " + riskScore);
        }
        rules = EventFields.list(rules, "rules");
        if (rules.isEmpty()) {
            throw new MalformedEventException("rules", "must name at least one matched rule");
        }
        EventFields.required(detectedAt, "detected_at");
        explanations = explanations == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(explanations));
    }
}
