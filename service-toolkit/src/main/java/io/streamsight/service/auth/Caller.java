package io.streamsight.service.auth;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * Who called a {@link BearerTokenRequired} endpoint: the identity of the token presented, as the
 * request's {@link SecurityContext} principal. Resources read it with {@link #of}.
 */
public record Caller(String name, boolean secure) implements SecurityContext, Principal {

    /** The identity behind the request's token; throws if the endpoint is not {@link BearerTokenRequired}. */
    public static String of(SecurityContext context) {
        Principal principal = context.getUserPrincipal();
        if (principal == null) {
            throw new IllegalStateException("no caller identity: the endpoint is not @BearerTokenRequired");
        }
        return principal.getName();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Principal getUserPrincipal() {
        return this;
    }

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }
}
