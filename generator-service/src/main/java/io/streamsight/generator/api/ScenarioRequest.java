package io.streamsight.generator.api;

import io.streamsight.events.Topic;
import io.streamsight.generator.scenario.InvalidScenarioException;
import io.streamsight.generator.scenario.ScenarioSpec;
import io.streamsight.generator.service.GeneratorConfig;
import io.streamsight.generator.synth.EventStream;
import io.streamsight.generator.synth.FraudPattern;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The body of {@code POST /scenarios}; every field is optional. Defaults: transactions only,
 * 10 events per second, until stopped, 2% fraud of every pattern, a random seed (returned, so
 * the run can be replayed), users {@code user_00001} and on, event time starting now.
 */
public record ScenarioRequest(
        List<String> eventTypes,
        Double ratePerSecond,
        Long count,
        Double durationSeconds,
        Double fraudRatio,
        List<String> fraudPatterns,
        Long seed,
        String userPrefix,
        Instant startTime) {

    static final Set<String> FIELDS = Arrays.stream(ScenarioRequest.class.getRecordComponents())
            .map(c -> c.getName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());

    private static final double DEFAULT_RATE = 10;
    private static final double DEFAULT_FRAUD_RATIO = 0.02;

    /** Applies defaults and the service's limits; throws {@link InvalidScenarioException} naming the field. */
    public ScenarioSpec toSpec(GeneratorConfig.Limits limits) {
        double rate = ratePerSecond == null ? DEFAULT_RATE : ratePerSecond;
        if (rate > limits.maxRatePerSecond()) {
            throw new InvalidScenarioException(
                    "rate_per_second",
                    "must be at most " + limits.maxRatePerSecond() + " events per second, was " + rate);
        }
        if (count != null && count > limits.maxCount()) {
            throw new InvalidScenarioException("count", "must be at most " + limits.maxCount() + ", was " + count);
        }
        Duration duration = duration(limits);
        return new ScenarioSpec(
                topics(),
                rate,
                count,
                duration,
                fraudRatio == null ? DEFAULT_FRAUD_RATIO : fraudRatio,
                patterns(),
                seed == null ? new SplittableRandom().nextLong() : seed,
                userPrefix == null ? EventStream.DEFAULT_USER_PREFIX : userPrefix,
                startTime == null ? Instant.ofEpochMilli(System.currentTimeMillis()) : startTime);
    }

    private Duration duration(GeneratorConfig.Limits limits) {
        if (durationSeconds == null) {
            return null;
        }
        if (!(durationSeconds > 0) || durationSeconds > limits.maxDuration().toSeconds()) {
            throw new InvalidScenarioException(
                    "duration_seconds",
                    "must be within 0.001.." + limits.maxDuration().toSeconds() + ", was " + durationSeconds);
        }
        return Duration.ofMillis(Math.max(1, Math.round(durationSeconds * 1000)));
    }

    private List<Topic> topics() {
        if (eventTypes == null) {
            return List.of(Topic.TRANSACTIONS);
        }
        List<Topic> topics = new ArrayList<>();
        for (String name : eventTypes) {
            topics.add(Topic.byName(name)
                    .orElseThrow(() -> new InvalidScenarioException("event_types", "unknown topic '" + name + "'")));
        }
        return topics;
    }

    private List<FraudPattern> patterns() {
        if (fraudPatterns == null) {
            return List.of(FraudPattern.values());
        }
        List<FraudPattern> patterns = new ArrayList<>();
        for (String name : fraudPatterns) {
            try {
                patterns.add(FraudPattern.byWireName(name));
            } catch (IllegalArgumentException e) {
                throw new InvalidScenarioException(
                        "fraud_patterns",
                        e.getMessage() + "; choose from "
                                + Arrays.stream(FraudPattern.values())
                                        .map(FraudPattern::wireName)
                                        .toList());
            }
        }
        return patterns;
    }
}
