package io.streamsight.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Alert severity, in increasing order, so that "at least high" is a comparison. */
public enum Severity {
    @JsonProperty("info")
    INFO,
    @JsonProperty("low")
    LOW,
    @JsonProperty("medium")
    MEDIUM,
    @JsonProperty("high")
    HIGH,
    @JsonProperty("critical")
    CRITICAL;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
