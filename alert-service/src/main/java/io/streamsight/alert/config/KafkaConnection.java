package io.streamsight.alert.config;

import io.smallrye.common.annotation.Identifier;
import io.streamsight.kafka.ProducerDurability;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain Kafka clients for what the messaging channels do not cover (reading a topic from an
 * offset range, read-your-writes on the subscription topic). They take the same {@code kafka.*}
 * settings as the channels, so TLS and SCRAM configured once apply to them too.
 */
@ApplicationScoped
public class KafkaConnection {

    private final Map<String, Object> common;

    @Inject
    public KafkaConnection(@Identifier("default-kafka-broker") Map<String, Object> brokerConfig) {
        this.common = new HashMap<>(brokerConfig);
    }

    /** A consumer without a group: it is assigned partitions and never commits. */
    public KafkaConsumer<String, byte[]> reader(String clientId) {
        Map<String, Object> config = new HashMap<>(common);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public Admin admin(String clientId) {
        Map<String, Object> config = new HashMap<>(common);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return Admin.create(config);
    }

    public KafkaProducer<String, String> writer(String clientId) {
        Map<String, Object> config = new HashMap<>(common);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return new KafkaProducer<>(
                ProducerDurability.imposedOn(config), new StringSerializer(), new StringSerializer());
    }
}
