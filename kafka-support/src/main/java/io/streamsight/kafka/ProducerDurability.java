package io.streamsight.kafka;

import java.util.HashMap;
import java.util.Map;

/**
 * The producer settings docs/design.md section 11 requires of every writer of the contract's
 * topics: a record counts as written once every in-sync replica has it, and a retried send never
 * writes it twice.
 */
public final class ProducerDurability {

    /** {@code acks=all}, {@code enable.idempotence=true}, as Kafka client property names and values. */
    public static final Map<String, String> SETTINGS = Map.of("acks", "all", "enable.idempotence", "true");

    private ProducerDurability() {}

    /** {@code config} with the durability settings on top of whatever it said about them. */
    public static Map<String, Object> imposedOn(Map<String, ?> config) {
        Map<String, Object> durable = new HashMap<>(config);
        durable.putAll(SETTINGS);
        return durable;
    }
}
