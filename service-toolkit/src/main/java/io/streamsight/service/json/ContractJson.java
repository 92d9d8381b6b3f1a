package io.streamsight.service.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.streamsight.events.EventJson;
import jakarta.inject.Singleton;

/** REST bodies speak the event contract's JSON: snake_case names, ISO-8601 instants. */
@Singleton
public class ContractJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        EventJson.configure(mapper);
    }
}
