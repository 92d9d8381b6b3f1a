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
import org.eclipse.microprofile.config.ConfigProvider;

/** Refuses requests to {@link BearerTokenRequired} endpoints without the {@link ApiToken} with 401 and a problem body. */
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
        if (!accepts(token.get().value(), header)) {
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

    /** Whether {@code authorization} carries {@code expected}, compared in constant time so timing does not reveal it. */
    static boolean accepts(String expected, String authorization) {
        return authorization != null
                && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8),
                        authorization.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8));
    }
}
