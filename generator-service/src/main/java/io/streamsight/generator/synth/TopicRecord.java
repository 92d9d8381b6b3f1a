package io.streamsight.generator.synth;

import io.streamsight.events.EventJson;
import io.streamsight.events.Topic;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One record ready for Kafka: the topic, the key the catalog prescribes for it
 * ({@link Topic#keyField()}, null for unkeyed topics) and the serialised value.
 */
public record TopicRecord(Topic topic, String key, byte[] value) {

    private static final Map<Class<?>, Map<String, Method>> ACCESSORS = new ConcurrentHashMap<>();

    /** An event record as contract JSON, keyed by the catalog's key field of {@code topic}. */
    public static TopicRecord event(Topic topic, Record event) {
        Class<?> expected = topic.valueType().orElse(null);
        if (expected != event.getClass()) {
            throw new IllegalArgumentException(
                    topic.topicName() + " carries " + expected + ", not " + event.getClass());
        }
        return new TopicRecord(topic, keyOf(topic, event), EventJson.writeBytes(event));
    }

    /** A text line for a text topic such as {@code web_logs}. */
    public static TopicRecord text(Topic topic, String line) {
        if (topic.valueType().orElse(null) != String.class) {
            throw new IllegalArgumentException(topic.topicName() + " is not a text topic");
        }
        return new TopicRecord(topic, null, line.getBytes(StandardCharsets.UTF_8));
    }

    public String valueText() {
        return new String(value, StandardCharsets.UTF_8);
    }

    private static String keyOf(Topic topic, Record event) {
        return topic.keyField()
                .map(field -> {
                    Method accessor = ACCESSORS
                            .computeIfAbsent(event.getClass(), TopicRecord::accessorsBySnakeCaseName)
                            .get(field);
                    if (accessor == null) {
                        throw new IllegalArgumentException(
                                event.getClass().getSimpleName() + " has no key field " + field);
                    }
                    try {
                        Object key = accessor.invoke(event);
                        return key == null ? null : key.toString();
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot read " + field + " of " + event, e);
                    }
                })
                .orElse(null);
    }

    private static Map<String, Method> accessorsBySnakeCaseName(Class<?> type) {
        Map<String, Method> accessors = new ConcurrentHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            accessors.put(snakeCase(component.getName()), component.getAccessor());
        }
        return accessors;
    }

    private static String snakeCase(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
