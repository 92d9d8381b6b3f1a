package io.streamsight.generator.synth;

import java.time.Instant;
import java.util.function.Consumer;

/** Makes the events of one input topic, deterministically from its seeded state. */
public interface EventGenerator {

    /**
     * Emits exactly one event of this generator's topic, stamped {@code at}, followed by any
     * records that describe it (the ground truth of an injected fraud).
     */
    void next(Instant at, Consumer<TopicRecord> sink);
}
