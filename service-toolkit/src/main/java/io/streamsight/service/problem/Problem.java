package io.streamsight.service.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem body ({@code application/problem+json}). {@code type} is a relative URI
 * naming the kind of problem (each service documents its own), {@code field} an extension member
 * naming the request field at fault, when there is one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem of the kind {@code /problems/<slug>}. */
    public static Problem of(String slug, String title, int status, String detail, String instance, String field) {
        return new Problem("/problems/" + slug, title, status, detail, instance, field);
    }

    /** This body with its status, written by the application's JSON mapper. */
    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
