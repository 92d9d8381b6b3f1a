package io.streamsight.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void theSignatureIsHexHmacSha256OfTimestampDotBody() {
        // Computed apart, with Python's hmac module: hmac.new(b"whsec-test", b'1764756000.{"alert_id":"a-1"}', sha256)
        assertThat(WebhookSignature.sign("whsec-test", 1764756000L, "{\"alert_id\":\"a-1\"}"))
                .isEqualTo("v1=91cb4ebda9bd2bd5ad43945bbdb4cc6e8fbc90d5ad0f129b7b3f86551695ff42");
    }

    @Test
    void aDifferentSecretTimestampOrBodyGivesADifferentSignature() {
        String signature = WebhookSignature.sign("whsec-test", 1764756000L, "{\"alert_id\":\"a-1\"}");
        assertThat(WebhookSignature.sign("whsec-other", 1764756000L, "{\"alert_id\":\"a-1\"}"))
                .isNotEqualTo(signature);
        assertThat(WebhookSignature.sign("whsec-test", 1764756001L, "{\"alert_id\":\"a-1\"}"))
                .isNotEqualTo(signature);
        assertThat(WebhookSignature.sign("whsec-test", 1764756000L, "{\"alert_id\":\"a-2\"}"))
                .isNotEqualTo(signature);
    }

    @Test
    void signingFromManyThreadsGivesTheSameAnswerEachTime() throws Exception {
        String expected = WebhookSignature.sign("k", 1L, "body");
        var results = java.util.concurrent.ConcurrentHashMap.<String>newKeySet();
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 2_000; i++) {
                    results.add(WebhookSignature.sign("k", 1L, "body"));
                    WebhookSignature.sign("other-key-" + i, i, "other body");
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(results).containsExactly(expected);
    }
}
