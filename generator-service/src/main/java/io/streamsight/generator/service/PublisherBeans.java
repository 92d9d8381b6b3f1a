package io.streamsight.generator.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.streamsight.generator.metrics.GeneratorMetrics;
import io.streamsight.generator.publish.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.util.Map;

/**
 * One producer for the whole service, built from Quarkus' {@code kafka.*} settings (so TLS and
 * SASL settings of a deployment apply). The plain Kafka client rather than a messaging channel:
 * scenarios run at tens of thousands of records per second, with our own back-pressure bound.
 */
@ApplicationScoped
public class PublisherBeans {

    @Produces
    @ApplicationScoped
    GeneratorMetrics metrics(MeterRegistry registry) {
        return new GeneratorMetrics(registry);
    }

    @Produces
    @ApplicationScoped
    EventPublisher publisher(
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            GeneratorConfig config,
            GeneratorMetrics metrics) {
        EventPublisher publisher = new EventPublisher(
                kafka, config.producer().maxInFlight(), config.producer().sendTimeout(), metrics);
        metrics.watchInFlight(publisher::inFlight);
        return publisher;
    }

    void close(@Disposes EventPublisher publisher) {
        publisher.close();
    }
}
