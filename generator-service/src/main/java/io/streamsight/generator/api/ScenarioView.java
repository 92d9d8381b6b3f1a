package io.streamsight.generator.api;

import io.streamsight.events.Topic;
import io.streamsight.generator.scenario.ScenarioRun;
import io.streamsight.generator.scenario.ScenarioSpec;
import io.streamsight.generator.scenario.ScenarioState;
import io.streamsight.generator.scenario.ScenarioStatus;
import io.streamsight.generator.synth.FraudPattern;
import java.time.Instant;
import java.util.List;

/** A scenario as the API shows it: what was asked (with defaults filled in) and how far it got. */
public record ScenarioView(
        String id,
        ScenarioState state,
        List<String> eventTypes,
        double ratePerSecond,
        Long count,
        Double durationSeconds,
        double fraudRatio,
        List<String> fraudPatterns,
        long seed,
        String userPrefix,
        Instant startTime,
        long generated,
        long sent,
        long errors,
        long groundTruth,
        double currentRate,
        Double progress,
        Instant startedAt,
        Instant finishedAt,
        String lastError) {

    static ScenarioView of(ScenarioRun run) {
        ScenarioSpec spec = run.spec();
        ScenarioStatus status = run.status();
        return new ScenarioView(
                run.id(),
                status.state(),
                spec.eventTypes().stream().map(Topic::topicName).toList(),
                spec.ratePerSecond(),
                spec.count(),
                spec.duration() == null ? null : spec.duration().toMillis() / 1000.0,
                spec.fraudRatio(),
                spec.fraudPatterns().stream().map(FraudPattern::wireName).toList(),
                spec.seed(),
                spec.userPrefix(),
                spec.startTime(),
                status.generated(),
                status.sent(),
                status.errors(),
                status.groundTruth(),
                status.currentRate(),
                status.progress(),
                status.startedAt(),
                status.finishedAt(),
                status.lastError());
    }
}
