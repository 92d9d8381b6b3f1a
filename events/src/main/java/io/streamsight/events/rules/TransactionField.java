package io.streamsight.events.rules;

import io.streamsight.events.Transaction;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The transaction fields a rule condition may test, by their JSON names. */
public enum TransactionField {
    AMOUNT(true, Transaction::amount),
    CURRENCY(false, Transaction::currency),
    MERCHANT(false, Transaction::merchant),
    CATEGORY(false, Transaction::category),
    LOCATION(false, Transaction::location),
    USER_ID(false, Transaction::userId);

    private final boolean numeric;
    private final Function<Transaction, Object> accessor;

    TransactionField(boolean numeric, Function<Transaction, Object> accessor) {
        this.numeric = numeric;
        this.accessor = accessor;
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean numeric() {
        return numeric;
    }

    Object valueOf(Transaction transaction) {
        return accessor.apply(transaction);
    }

    static TransactionField byJsonName(String name, String path) {
        for (TransactionField field : values()) {
            if (field.jsonName().equals(name)) {
                return field;
            }
        }
        throw new InvalidRuleException(
                path,
                "unknown transaction field '" + name + "', expected one of "
                        + Arrays.stream(values())
                                .map(TransactionField::jsonName)
                                .collect(Collectors.joining(", ")));
    }
}
