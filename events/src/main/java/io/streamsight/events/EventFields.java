package io.streamsight.events;

import java.math.BigDecimal;
import java.util.List;

/** Contract checks shared by the event records' constructors. */
final class EventFields {

    private EventFields() {}

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new MalformedEventException(field, "is required");
        }
        if (value instanceof String s && s.isBlank()) {
            throw new MalformedEventException(field, "must not be blank");
        }
        return value;
    }

    static BigDecimal amount(BigDecimal value, String field) {
        required(value, field);
        if (value.signum() <= 0) {
            throw new MalformedEventException(field, "must be positive, was " + value.toPlainString());
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw new MalformedEventException(field, "has more than 2 decimals: " + value.toPlainString());
        }
        return value;
    }

    static double finite(Double value, String field) {
        required(value, field);
        if (!Double.isFinite(value)) {
            throw new MalformedEventException(field, "must be a finite number, was " + value);
        }
        return value;
    }

    static <T> List<T> list(List<T> value, String field) {
        return List.copyOf(required(value, field));
    }
}
