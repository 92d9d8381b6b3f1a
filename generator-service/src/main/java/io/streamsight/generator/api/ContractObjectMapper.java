package io.streamsight.generator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.streamsight.events.EventJson;
import jakarta.inject.Singleton;

/** The API speaks the event contract's JSON: snake_case names, ISO-8601 timestamps. */
@Singleton
public class ContractObjectMapper implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        EventJson.configure(mapper);
    }
}
