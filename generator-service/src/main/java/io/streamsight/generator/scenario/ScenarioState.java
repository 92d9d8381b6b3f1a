package io.streamsight.generator.scenario;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum ScenarioState {
    RUNNING,
    /** Reached its count or duration, and every record was acknowledged or failed. */
    COMPLETED,
    /** Stopped on request before the end. */
    STOPPED,
    /** Generation itself broke (a bug, not a send error: those are counted and the scenario goes on). */
    FAILED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinished() {
        return this != RUNNING;
    }
}
