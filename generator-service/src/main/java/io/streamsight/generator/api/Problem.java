package io.streamsight.generator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem body ({@code application/problem+json}). {@code type} is a relative URI
 * naming the kind of problem (documented in docs/generator.md), {@code field} an extension
 * member naming the request field at fault, when there is one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
