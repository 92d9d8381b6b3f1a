package io.streamsight.alert.analytics;

import java.math.BigDecimal;
import java.time.Instant;

/** One row of {@code transaction_analytics}: a 5-minute window (sliding by 1 minute) of one location. */
public record LocationWindow(
        String location,
        Instant windowStart,
        Instant windowEnd,
        Long transactionCount,
        BigDecimal totalAmount,
        BigDecimal avgAmount,
        BigDecimal maxAmount) {}
