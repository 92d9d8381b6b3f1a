package io.streamsight.generator.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The generator's settings, {@code generator.*} in application.properties. */
@ConfigMapping(prefix = "generator")
public interface GeneratorConfig {

    Limits limits();

    Producer producer();

    DefaultScenario defaultScenario();

    /** What the REST API accepts: anything beyond is a 4xx, not an attempt. */
    interface Limits {
        /** Largest request body; a hand-written event or scenario is a few hundred bytes. */
        @WithDefault("65536")
        int maxBodyBytes();

        /** Highest rate a scenario may ask for; far beyond what one producer sustains. */
        @WithDefault("1000000")
        double maxRatePerSecond();

        @WithDefault("1000000000")
        long maxCount();

        @WithDefault("P7D")
        Duration maxDuration();

        @WithDefault("16")
        int maxRunningScenarios();
    }

    interface Producer {
        /** Records that may await acknowledgement before senders wait: the back-pressure bound. */
        @WithDefault("20000")
        int maxInFlight();

        /** How long a send may wait for room (in flight or in the producer's buffer) before it fails. */
        @WithDefault("10s")
        Duration sendTimeout();
    }

    /** A scenario started at boot, so a fresh deployment has traffic without a REST call. */
    interface DefaultScenario {
        @WithDefault("false")
        boolean enabled();

        @WithDefault("transactions,user_updates,user_activity,sensor_data,web_logs,raw_events")
        List<String> eventTypes();

        @WithDefault("50")
        double ratePerSecond();

        @WithDefault("0.02")
        double fraudRatio();

        /** Fixed seed for a reproducible default stream; a random one when absent. */
        Optional<Long> seed();
    }
}
