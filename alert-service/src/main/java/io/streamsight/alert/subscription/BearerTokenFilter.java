package io.streamsight.alert.subscription;

import io.streamsight.alert.config.AlertServiceConfig;
import io.streamsight.alert.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Refuses requests without the configured bearer token with 401 and a problem body. */
@Provider
@BearerTokenRequired
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenFilter implements ContainerRequestFilter {

    private static final String SCHEME = "Bearer ";

    // Providers are built at static init, before configuration mappings exist: read it per request.
    private final Instance<AlertServiceConfig> config;

    public BearerTokenFilter(Instance<AlertServiceConfig> config) {
        this.config = config;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        byte[] expected = config.get().subscriptions().token().getBytes(StandardCharsets.UTF_8);
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean valid = header != null
                && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                // constant-time, so response timing does not reveal the token
                && MessageDigest.isEqual(
                        expected, header.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8));
        if (!valid) {
            request.abortWith(jakarta.ws.rs.core.Response.fromResponse(new Problem(
                                    "/problems/unauthorized",
                                    "Unauthorized",
                                    401,
                                    header == null
                                            ? "an Authorization: Bearer token is required"
                                            : "the bearer token is not valid",
                                    request.getUriInfo().getPath())
                            .toResponse())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"alert-service\"")
                    .build());
        }
    }
}
