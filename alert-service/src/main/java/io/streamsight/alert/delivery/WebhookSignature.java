package io.streamsight.alert.delivery;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: {@code v1=} + hex HMAC-SHA256, keyed with the subscription secret, over
 * {@code <timestamp>.<body>}, the timestamp being Unix seconds sent in {@link #TIMESTAMP_HEADER}.
 * Signing the timestamp lets a receiver reject replays of an old request.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-StreamSight-Signature";
    public static final String TIMESTAMP_HEADER = "X-StreamSight-Timestamp";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private WebhookSignature() {}

    /** Looking the algorithm up among the security providers cost more than the HMAC itself (bench/e2e profile). */
    private static final ThreadLocal<Mac> HMAC_SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    });

    public static String sign(String secret, long timestampSeconds, String body) {
        try {
            Mac mac = HMAC_SHA256.get();
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(digest);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("an HMAC key of any length is valid", e);
        }
    }
}
