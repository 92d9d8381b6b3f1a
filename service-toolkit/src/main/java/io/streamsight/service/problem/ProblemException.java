package io.streamsight.service.problem;

/**
 * A request the service refuses, with what the client needs to fix it. The {@code slug} names
 * the problem type, published as {@code /problems/<slug>} relative to the service.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final String field;

    public ProblemException(int status, String slug, String title, String detail, String field) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.field = field;
    }

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, null);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "invalid-request", "Invalid request", detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not-found", "Not found", detail);
    }

    public Problem toProblem(String instance) {
        return Problem.of(slug, title, status, getMessage(), instance, field);
    }
}
