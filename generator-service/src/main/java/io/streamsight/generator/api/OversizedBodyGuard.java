package io.streamsight.generator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsight.generator.service.GeneratorConfig;
import io.streamsight.service.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a request whose declared {@code Content-Length} exceeds the API's body limit before
 * the body is read, with a problem body. Without it a body beyond the HTTP layer's hard limit
 * would get Vert.x' bare 413; bodies without a declared length are checked by {@link RequestBodies}.
 */
@ApplicationScoped
public class OversizedBodyGuard {

    void install(@Observes Router router, GeneratorConfig config, ObjectMapper mapper) {
        int limit = config.limits().maxBodyBytes();
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long length = parse(declared);
            if (length <= limit) {
                context.next();
                return;
            }
            Problem problem = GeneratorProblems.bodyTooLarge(length, limit)
                    .toProblem(context.request().path());
            try {
                context.response()
                        .setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(mapper.writeValueAsString(problem));
            } catch (JsonProcessingException e) {
                context.fail(e);
            }
        });
    }

    private static long parse(String contentLength) {
        try {
            return contentLength == null ? -1 : Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
