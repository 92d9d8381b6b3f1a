package io.streamsight.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic alert ids: the same source event always yields the same id, so a pipeline that
 * replays after a restart produces duplicates that downstream deduplication recognises.
 * The id is {@code <kind>-} followed by the first 32 hex digits of SHA-256 over
 * {@code <kind>:<source id>}, which Spark computes as
 * {@code concat('<kind>-', substring(sha2(concat('<kind>:', id), 256), 1, 32))}.
 */
public final class AlertIds {

    public static final String FRAUD = "fraud";
    public static final String SENSOR = "sensor";

    private AlertIds() {}

    public static String of(String kind, String sourceId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((kind + ":" + sourceId).getBytes(StandardCharsets.UTF_8));
            return kind + "-" + HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
