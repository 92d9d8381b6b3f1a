package io.streamsight.service.auth;

import java.util.Map;

/**
 * The bearer tokens a service's protected endpoints accept, each standing for an identity that
 * the service records as the author of a change (see {@link Caller}); each service makes it a
 * bean from its own configuration.
 */
@FunctionalInterface
public interface ApiToken {

    /** Identity -> token; no two identities share a token. */
    Map<String, String> byIdentity();
}
