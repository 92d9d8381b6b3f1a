package io.streamsight.events;

import java.math.BigDecimal;
import java.time.Instant;

/** A payment, keyed by {@code user_id} on the {@code transactions} topic. */
public record Transaction(
        String transactionId,
        String userId,
        BigDecimal amount,
        String currency,
        String merchant,
        String category,
        String location,
        Instant timestamp) {

    public Transaction {
        EventFields.required(transactionId, "transaction_id");
        EventFields.required(userId, "user_id");
        EventFields.amount(amount, "amount");
        EventFields.required(currency, "currency");
        EventFields.required(merchant, "merchant");
        EventFields.required(category, "category");
        EventFields.required(location, "location");
        EventFields.required(timestamp, "timestamp");
    }
}
