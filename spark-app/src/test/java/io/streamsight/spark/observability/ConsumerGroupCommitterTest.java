package io.streamsight.spark.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsight.spark.TransactionRecords;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** What lag tools see: a pipeline's group holds the offsets its slowest query has processed. */
class ConsumerGroupCommitterTest {

    private static TopicPartition transactions(int partition) {
        return new TopicPartition("transactions", partition);
    }

    @Test
    void aPipelineCommitsThePerPartitionMinimumOnceEveryQueryHasReported() throws Exception {
        TransactionRecords broker = TransactionRecords.shared();
        try (ConsumerGroupCommitter committer = new ConsumerGroupCommitter(
                broker.bootstrapServers(), List.of("fraud", "analytics.location", "analytics.user_spend"))) {
            committer.processed("analytics.location", "{\"transactions\":{\"0\":10,\"1\":20,\"2\":7}}");
            assertThat(broker.committedOffsets("streamsight-spark-analytics")).isEmpty();

            committer.processed("analytics.user_spend", "{\"transactions\":{\"0\":5,\"1\":30,\"2\":7}}");
            assertThat(broker.committedOffsets("streamsight-spark-analytics"))
                    .isEqualTo(Map.of(transactions(0), 5L, transactions(1), 20L, transactions(2), 7L));

            committer.processed("analytics.user_spend", "{\"transactions\":{\"0\":12,\"1\":31,\"2\":9}}");
            assertThat(broker.committedOffsets("streamsight-spark-analytics"))
                    .isEqualTo(Map.of(transactions(0), 10L, transactions(1), 20L, transactions(2), 7L));

            committer.processed("fraud", "{\"transactions\":{\"0\":3,\"1\":4,\"2\":5}}");
            assertThat(broker.committedOffsets("streamsight-spark-fraud"))
                    .isEqualTo(Map.of(transactions(0), 3L, transactions(1), 4L, transactions(2), 5L));
        }
    }

    @Test
    void aPipelineWhoseQueriesReadDifferentTopicsCommitsEveryTopicsPartitions() throws Exception {
        TransactionRecords broker = TransactionRecords.shared();
        try (ConsumerGroupCommitter committer =
                new ConsumerGroupCommitter(broker.bootstrapServers(), List.of("joined.join", "joined.dead_letters"))) {
            committer.processed("joined.join", "{\"transactions\":{\"0\":10},\"user_updates\":{\"0\":8}}");
            committer.processed("joined.dead_letters", "{\"user_updates\":{\"0\":6}}");
            assertThat(broker.committedOffsets("streamsight-spark-joined"))
                    .isEqualTo(Map.of(transactions(0), 10L, new TopicPartition("user_updates", 0), 6L));
        }
    }
}
