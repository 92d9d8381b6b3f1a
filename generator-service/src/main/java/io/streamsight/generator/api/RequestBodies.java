package io.streamsight.generator.api;

import io.streamsight.generator.service.GeneratorConfig;
import io.streamsight.service.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The application's own body limit, below the HTTP layer's hard limit
 * ({@code quarkus.http.limits.max-body-size}), so that an oversized body gets a problem body
 * rather than the HTTP layer's bare 413.
 */
@ApplicationScoped
public class RequestBodies {

    private final int maxBytes;

    RequestBodies(GeneratorConfig config) {
        this.maxBytes = config.limits().maxBodyBytes();
    }

    public byte[] checked(byte[] body) {
        if (body == null || body.length == 0) {
            throw new ProblemException(400, "empty-body", "Empty request body", "the request has no body");
        }
        if (body.length > maxBytes) {
            throw GeneratorProblems.bodyTooLarge(body.length, maxBytes);
        }
        return body;
    }
}
