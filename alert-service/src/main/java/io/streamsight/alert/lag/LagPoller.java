package io.streamsight.alert.lag;

import io.streamsight.alert.lag.OffsetsObservation.GroupOffsets;
import io.streamsight.alert.lag.OffsetsObservation.Owner;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * One poll of the cluster through the Admin API, batched so its cost does not grow with one
 * round trip per group: list the consumer groups, describe the selected ones (state, members,
 * assignments) and fetch all their committed offsets in one request each, describe the topics
 * they consume, then the end and start offsets of every partition of those topics. A topic that
 * disappears mid-poll loses its partitions from this poll only; any other failure fails the poll.
 */
public final class LagPoller {

    private static final Logger LOG = Logger.getLogger(LagPoller.class);

    private final Admin admin;
    private final Pattern include;
    private final Pattern exclude;
    private final long timeoutMillis;
    private final Clock clock;

    public LagPoller(Admin admin, Pattern include, Pattern exclude, Duration timeout, Clock clock) {
        this.admin = admin;
        this.include = include;
        this.exclude = exclude;
        this.timeoutMillis = timeout.toMillis();
        this.clock = clock;
    }

    public OffsetsObservation poll() throws InterruptedException, ExecutionException, TimeoutException {
        List<String> groupIds = get(
                        admin.listGroups(ListGroupsOptions.forConsumerGroups()).all())
                .stream()
                .map(GroupListing::groupId)
                .filter(id ->
                        include.matcher(id).matches() && !exclude.matcher(id).matches())
                .sorted()
                .toList();
        if (groupIds.isEmpty()) {
            return new OffsetsObservation(clock.millis(), List.of(), Map.of(), Map.of(), Map.of());
        }
        Map<String, ConsumerGroupDescription> descriptions =
                get(admin.describeConsumerGroups(groupIds).all());
        Map<String, ListConsumerGroupOffsetsSpec> specs =
                groupIds.stream().collect(Collectors.toMap(id -> id, id -> new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed =
                get(admin.listConsumerGroupOffsets(specs).all());

        List<GroupOffsets> groups = new ArrayList<>(groupIds.size());
        Set<String> topics = new TreeSet<>();
        for (String id : groupIds) {
            GroupOffsets group = group(id, descriptions.get(id), committed.getOrDefault(id, Map.of()));
            groups.add(group);
            group.committed().keySet().forEach(p -> topics.add(p.topic()));
            group.owners().keySet().forEach(p -> topics.add(p.topic()));
        }
        Map<String, List<TopicPartition>> partitionsByTopic = partitions(topics);
        List<TopicPartition> all =
                partitionsByTopic.values().stream().flatMap(List::stream).toList();
        Map<TopicPartition, Long> ends = offsets(all, OffsetSpec.latest());
        Map<TopicPartition, Long> starts = offsets(all, OffsetSpec.earliest());
        return new OffsetsObservation(clock.millis(), groups, partitionsByTopic, ends, starts);
    }

    private static GroupOffsets group(
            String id, ConsumerGroupDescription description, Map<TopicPartition, OffsetAndMetadata> committed) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        committed.forEach((partition, offset) -> {
            if (offset != null) {
                offsets.put(partition, offset.offset());
            }
        });
        Map<TopicPartition, Owner> owners = new HashMap<>();
        Collection<MemberDescription> members = description == null ? List.of() : description.members();
        for (MemberDescription member : members) {
            Owner owner = new Owner(member.host(), member.consumerId(), member.clientId());
            member.assignment().topicPartitions().forEach(p -> owners.put(p, owner));
        }
        String state =
                description == null ? "UNKNOWN" : description.groupState().toString();
        return new GroupOffsets(id, state, members.size(), offsets, owners);
    }

    private Map<String, List<TopicPartition>> partitions(Set<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, KafkaFuture<TopicDescription>> futures =
                admin.describeTopics(topics).topicNameValues();
        Map<String, List<TopicPartition>> result = new HashMap<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> topic : futures.entrySet()) {
            try {
                result.put(
                        topic.getKey(),
                        get(topic.getValue()).partitions().stream()
                                .map(p -> new TopicPartition(topic.getKey(), p.partition()))
                                .sorted(Comparator.comparingInt(TopicPartition::partition))
                                .toList());
            } catch (ExecutionException e) {
                LOG.debugf("Topic %s not described (%s): skipped this poll", topic.getKey(), e.getCause());
            }
        }
        return result;
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        ListOffsetsResult result = admin.listOffsets(request);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            try {
                offsets.put(partition, get(result.partitionResult(partition)).offset());
            } catch (ExecutionException e) {
                LOG.debugf("No offsets for %s (%s): skipped this poll", partition, e.getCause());
            }
        }
        return offsets;
    }

    private <T> T get(KafkaFuture<T> future) throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
    }
}
