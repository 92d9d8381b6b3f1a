package io.streamsight.alert.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.streamsight.events.EventJson;
import jakarta.inject.Singleton;

/** REST bodies follow the event contract: snake_case, ISO-8601 instants. */
@Singleton
public class JsonConventions implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        EventJson.configure(mapper);
    }
}
