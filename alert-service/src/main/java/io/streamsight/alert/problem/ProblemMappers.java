package io.streamsight.alert.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refused request, ours or the framework's (404, 405, 415...), gets a problem body. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response refused(ProblemException e, UriInfo uri) {
        return e.toProblem(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return new Problem(
                        "about:blank", status.getReasonPhrase(), status.getStatusCode(), e.getMessage(), uri.getPath())
                .toResponse();
    }
}
