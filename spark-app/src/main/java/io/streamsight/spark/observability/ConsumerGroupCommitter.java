package io.streamsight.spark.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsight.spark.pipeline.Pipeline;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Commits what each pipeline has processed to the consumer group {@code streamsight-spark-<pipeline>}.
 * Spark tracks Kafka offsets in its checkpoints and commits none, so without this no lag tool
 * sees Spark. A pipeline with several queries commits, per partition, the smallest offset the
 * queries reading it have reached, and only once each has reported; its lag is that of its
 * slowest query.
 * The group has no members, so {@code alterConsumerGroupOffsets} is allowed at any time.
 */
public final class ConsumerGroupCommitter implements AutoCloseable {

    public static final String GROUP_PREFIX = "streamsight-spark-";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;
    private final Map<String, Set<String>> queriesByPipeline;
    private final Map<String, Map<TopicPartition, Long>> endOffsetsByQuery = new ConcurrentHashMap<>();

    public ConsumerGroupCommitter(String bootstrapServers, Collection<String> queryNames) {
        this(bootstrapServers, Map.of(), queryNames);
    }

    /** {@code clientConfig}: further Kafka client properties, such as TLS and SASL settings. */
    public ConsumerGroupCommitter(
            String bootstrapServers, Map<String, String> clientConfig, Collection<String> queryNames) {
        Map<String, Object> config = new java.util.HashMap<>(clientConfig);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "streamsight-spark-offset-committer");
        this.admin = Admin.create(config);
        this.queriesByPipeline =
                queryNames.stream().collect(Collectors.groupingBy(Pipeline::ofQuery, Collectors.toSet()));
    }

    public static String groupOf(String pipeline) {
        return GROUP_PREFIX + pipeline;
    }

    /**
     * Records a query's processed end offsets (Spark's JSON, {@code {"topic":{"0":42}}}, each the
     * next offset to read, which is exactly Kafka's committed-offset convention) and commits its
     * pipeline's group once every query of the pipeline has reported.
     */
    public void processed(String queryName, String endOffsetJson)
            throws InterruptedException, ExecutionException, TimeoutException {
        endOffsetsByQuery.put(queryName, parse(endOffsetJson));
        String pipeline = Pipeline.ofQuery(queryName);
        Set<String> queries = queriesByPipeline.getOrDefault(pipeline, Set.of(queryName));
        Map<TopicPartition, Long> committable = null;
        for (String query : queries) {
            Map<TopicPartition, Long> offsets = endOffsetsByQuery.get(query);
            if (offsets == null) {
                return;
            }
            committable = committable == null ? new HashMap<>(offsets) : lowest(committable, offsets);
        }
        Map<TopicPartition, OffsetAndMetadata> commit = committable.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())));
        if (!commit.isEmpty()) {
            admin.alterConsumerGroupOffsets(groupOf(pipeline), commit).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Per partition the lower offset; a partition only one of the queries reads keeps that query's offset. */
    private static Map<TopicPartition, Long> lowest(Map<TopicPartition, Long> a, Map<TopicPartition, Long> b) {
        Map<TopicPartition, Long> result = new HashMap<>(a);
        b.forEach((partition, offset) -> result.merge(partition, offset, Math::min));
        return result;
    }

    static Map<TopicPartition, Long> parse(String endOffsetJson) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        try {
            JsonNode topics = JSON.readTree(endOffsetJson);
            for (Iterator<Map.Entry<String, JsonNode>> t = topics.fields(); t.hasNext(); ) {
                Map.Entry<String, JsonNode> topic = t.next();
                for (Iterator<Map.Entry<String, JsonNode>> p = topic.getValue().fields(); p.hasNext(); ) {
                    Map.Entry<String, JsonNode> partition = p.next();
                    offsets.put(
                            new TopicPartition(topic.getKey(), Integer.parseInt(partition.getKey())),
                            partition.getValue().asLong());
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a Kafka source offset: " + endOffsetJson, e);
        }
        return offsets;
    }

    @Override
    public void close() {
        admin.close();
    }
}
