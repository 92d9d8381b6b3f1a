package io.streamsight.alert.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Typed configuration of alert-service, prefix {@code streamsight}. */
@ConfigMapping(prefix = "streamsight")
public interface AlertServiceConfig {

    Dedup dedup();

    Feed feed();

    Subscriptions subscriptions();

    Webhooks webhooks();

    Alertmanager alertmanager();

    Analytics analytics();

    Quality quality();

    Rules rules();

    interface Dedup {
        /** How far back alert ids are remembered, and re-read from Kafka on startup. */
        @WithDefault("PT24H")
        Duration window();

        /** Upper bound of remembered ids, whatever the window. */
        @WithDefault("1000000")
        int maxEntries();
    }

    interface Feed {
        /** Alerts kept for {@code GET /alerts} and for {@code Last-Event-ID} catch-up. */
        @WithDefault("10000")
        int capacity();

        @WithDefault("100")
        int defaultLimit();

        /**
         * Unsent bytes an SSE client may fall behind by (about 7,000 alerts) before it is closed;
         * it resumes from the feed's buffer with {@code Last-Event-ID}.
         */
        @WithDefault("4194304")
        int clientBufferBytes();
    }

    interface Subscriptions {
        /** Bearer token of the subscription API (in Kubernetes: from a Secret). */
        String token();

        /** How long startup waits to read every subscription before consuming alerts. */
        @WithDefault("PT60S")
        Duration loadTimeout();
    }

    interface Webhooks {
        /** Loopback targets (127.0.0.0/8, ::1): only for a one-machine stack and tests. */
        @WithDefault("false")
        boolean allowLoopback();

        /** Private (RFC 1918, fc00::/7) and link-local targets, e.g. an in-cluster receiver. */
        @WithDefault("false")
        boolean allowPrivateNetworks();

        @WithDefault("PT1S")
        Duration initialBackoff();

        @WithDefault("PT5M")
        Duration maxBackoff();

        /** An alert still undelivered this long after it arrived goes to {@code alert_deliveries_dlq}. */
        @WithDefault("PT1H")
        Duration maxAge();

        @WithDefault("PT10S")
        Duration requestTimeout();

        /**
         * Parallel delivery lanes per receiver; one user's alerts always share a lane, keeping their
         * order. A lane waits for each answer, so a receiver takes at most this many alerts per round
         * trip: 4 capped a receiver answering in 20 ms at 200 alerts/s.
         */
        @WithDefault("16")
        int lanes();
    }

    interface Alertmanager {
        /** Base URL of an Alertmanager (alerts go to {@code <url>/api/v2/alerts}); unset: not used. */
        Optional<URI> url();

        /** Alerts are events, not states: each is reported active for this long. */
        @WithDefault("PT1H")
        Duration alertDuration();
    }

    interface Analytics {
        /** How much per-location window history the dashboard chart keeps. */
        @WithDefault("PT1H")
        Duration history();
    }

    interface Quality {
        /** Detection quality is computed over the transactions first seen in this long a window. */
        @WithDefault("PT15M")
        Duration window();

        /** A transaction counts only this long after its first record, so its alerts and ground truth have arrived. */
        @WithDefault("PT30S")
        Duration settleDelay();

        /** How much later than a transaction's first record its other records may come and still join it. */
        @WithDefault("PT2M")
        Duration lateness();

        /** Upper bound of transactions remembered, whatever the window. */
        @WithDefault("100000")
        int maxTransactions();
    }

    interface Rules {
        /** The rules file spark-app runs with, if not the default one shipped in the events jar. */
        Optional<java.nio.file.Path> file();

        /**
         * Analysts' own tokens, {@code name -> token}, accepted beside the subscription token so a
         * rule change is recorded under the analyst's name rather than {@code api-token}.
         */
        Map<String, String> analystTokens();

        /**
         * A folder of more analysts' tokens, one file per analyst (name -> token), as Kubernetes
         * mounts a Secret: read on each check, so a rotated Secret applies without a restart.
         */
        Optional<java.nio.file.Path> analystTokensDir();
    }
}
