package io.streamsight.service.auth;

/** The bearer token a service's protected endpoints accept; each service makes it a bean from its own configuration. */
@FunctionalInterface
public interface ApiToken {

    String value();
}
