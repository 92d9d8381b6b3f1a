package io.streamsight.service.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every refused or failed request gets a problem body, whatever raised it: the service's own
 * refusals, what Jakarta REST itself refuses (no such path, wrong method, unacceptable media type)
 * and, logged, anything unexpected.
 */
public class ProblemResponses {

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class);

    @ServerExceptionMapper
    public Response refused(ProblemException e, UriInfo uri) {
        return e.toProblem(path(uri)).toResponse();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return new Problem(
                        "about:blank",
                        status.getReasonPhrase(),
                        status.getStatusCode(),
                        e.getMessage(),
                        path(uri),
                        null)
                .toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "request to %s failed", path(uri));
        return new Problem(
                        "about:blank",
                        "Internal Server Error",
                        500,
                        "the request failed unexpectedly: " + e,
                        path(uri),
                        null)
                .toResponse();
    }

    /** The request's path as sent, for a problem's {@code instance}. */
    public static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }
}
