package io.streamsight.service.auth;

import io.streamsight.service.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses requests to {@link BearerTokenRequired} endpoints without one of the {@link ApiToken}s
 * with 401 and a problem body, and makes the token's identity the request's {@link Caller}.
 */
@Provider
@BearerTokenRequired
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenFilter implements ContainerRequestFilter {

    private static final String SCHEME = "Bearer ";

    // Providers are built at static init, before configuration mappings exist: read the token per request.
    private final Instance<ApiToken> token;

    public BearerTokenFilter(Instance<ApiToken> token) {
        this.token = token;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<String> identity = identify(token.get().byIdentity(), header);
        if (identity.isPresent()) {
            request.setSecurityContext(
                    new Caller(identity.get(), request.getSecurityContext().isSecure()));
        } else {
            String realm = ConfigProvider.getConfig()
                    .getOptionalValue("quarkus.application.name", String.class)
                    .orElse("streamsight");
            request.abortWith(Response.fromResponse(Problem.of(
                                    "unauthorized",
                                    "Unauthorized",
                                    401,
                                    header == null
                                            ? "an Authorization: Bearer token is required"
                                            : "the bearer token is not valid",
                                    request.getUriInfo().getPath(),
                                    null)
                            .toResponse())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + realm + "\"")
                    .build());
        }
    }

    /**
     * The identity whose token {@code authorization} carries. Every token is compared, each in
     * constant time, so timing reveals neither a token nor which one matched.
     */
    static Optional<String> identify(Map<String, String> tokens, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        byte[] presented = authorization.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
        String found = null;
        for (Map.Entry<String, String> token : tokens.entrySet()) {
            if (!token.getValue().isBlank()
                    && MessageDigest.isEqual(token.getValue().getBytes(StandardCharsets.UTF_8), presented)) {
                found = token.getKey();
            }
        }
        return Optional.ofNullable(found);
    }
}
