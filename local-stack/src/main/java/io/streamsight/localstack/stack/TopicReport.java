package io.streamsight.localstack.stack;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** {@code ./streamsight topics}: every topic with partitions, end offsets and its consumer groups' lag. */
final class TopicReport {

    private TopicReport() {}

    static void print(String bootstrapServers, PrintStream out) throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000))) {
            Collection<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            Map<String, TopicDescription> topics =
                    new TreeMap<>(admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS));
            Map<TopicPartition, OffsetSpec> request = topics.values().stream()
                    .flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);

            Map<String, Map<String, Long>> lagByTopicAndGroup = new TreeMap<>();
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                committed.forEach((tp, offset) -> {
                    if (offset != null && ends.containsKey(tp)) {
                        lagByTopicAndGroup
                                .computeIfAbsent(tp.topic(), t -> new TreeMap<>())
                                .merge(group.groupId(), ends.get(tp).offset() - offset.offset(), Long::sum);
                    }
                });
            }

            out.printf("%-28s %10s %14s  %s%n", "TOPIC", "PARTITIONS", "END OFFSETS", "CONSUMER GROUPS (lag)");
            for (TopicDescription topic : topics.values()) {
                long end = topic.partitions().stream()
                        .mapToLong(p -> ends.get(new TopicPartition(topic.name(), p.partition()))
                                .offset())
                        .sum();
                String groups = lagByTopicAndGroup.getOrDefault(topic.name(), Map.of()).entrySet().stream()
                        .map(e -> e.getKey() + " (" + e.getValue() + ")")
                        .collect(Collectors.joining(", "));
                out.printf(
                        "%-28s %10d %14d  %s%n",
                        topic.name(), topic.partitions().size(), end, groups.isEmpty() ? "-" : groups);
            }
        }
    }
}
