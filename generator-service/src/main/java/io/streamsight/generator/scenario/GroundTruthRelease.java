package io.streamsight.generator.scenario;

import io.streamsight.generator.synth.TopicRecord;
import java.util.Queue;

/**
 * Holds back the ground truth of an injected fraud until Kafka has acknowledged the transaction
 * it names, so every published ground truth refers to a transaction that is on the topic. The
 * acknowledgement and the ground truth may arrive in either order; a failed transaction's ground
 * truth is withheld (the failure itself is counted as a send error).
 */
final class GroundTruthRelease {

    private final Queue<TopicRecord> released;
    private TopicRecord groundTruth;
    private Boolean transactionSent;

    GroundTruthRelease(Queue<TopicRecord> released) {
        this.released = released;
    }

    synchronized void transactionAcknowledged(boolean sent) {
        transactionSent = sent;
        releaseIfReady();
    }

    synchronized void groundTruth(TopicRecord record) {
        groundTruth = record;
        releaseIfReady();
    }

    private void releaseIfReady() {
        if (groundTruth != null && Boolean.TRUE.equals(transactionSent)) {
            released.add(groundTruth);
            groundTruth = null;
        }
    }
}
