package io.streamsight.alert.lag;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The consumer-lag exporter's settings, prefix {@code streamsight.lag} (docs/lag.md). */
@ConfigMapping(prefix = "streamsight.lag")
public interface LagConfig {

    @WithDefault("true")
    boolean enabled();

    /** Time between the end of one poll and the start of the next. */
    @WithDefault("PT30S")
    Duration interval();

    /** Groups whose id matches this regular expression (whole id) are tracked... */
    @WithDefault(".*")
    String include();

    /** ...unless they also match this one. */
    Optional<String> exclude();

    /** A group without members and without any commit for this long is no longer reported. */
    @WithDefault("P7D")
    Duration groupExpiry();

    /** Commits per partition Burrow's rules look at (Burrow's {@code intervals}). */
    @WithDefault("10")
    int window();

    /** End-offset points per partition the time-lag interpolation keeps (kafka-lag-exporter's default). */
    @WithDefault("60")
    int interpolationPoints();

    /** The {@code cluster_name} label of every lag metric. */
    @WithDefault("streamsight")
    String clusterName();

    /** Longest wait for one Admin API answer. */
    @WithDefault("PT10S")
    Duration timeout();
}
