package io.streamsight.generator.scenario;

import java.time.Instant;

/**
 * A snapshot of a scenario's progress.
 *
 * @param generated   events generated so far (what {@code count} counts)
 * @param sent        records acknowledged by Kafka, ground truth included
 * @param errors      records that could not be sent
 * @param groundTruth ground-truth records handed to the producer, each after its fraudulent
 *                    transaction was acknowledged
 * @param currentRate records acknowledged per second over the last second or so
 * @param progress    0..1 towards the count or duration, null for a scenario that runs until stopped
 */
public record ScenarioStatus(
        String id,
        ScenarioState state,
        long generated,
        long sent,
        long errors,
        long groundTruth,
        double currentRate,
        Double progress,
        Instant startedAt,
        Instant finishedAt,
        String lastError) {}
