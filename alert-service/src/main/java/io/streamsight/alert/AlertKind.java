package io.streamsight.alert;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where an alert comes from: one constant per alert topic, and the lag exporter's own alerts. */
public enum AlertKind {
    @JsonProperty("fraud")
    FRAUD,
    @JsonProperty("sensor")
    SENSOR,
    @JsonProperty("lag")
    LAG;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AlertKind> byWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName().equals(name)).findFirst();
    }
}
