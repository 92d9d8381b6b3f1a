package io.streamsight.generator.api;

/** A request the API refuses, with the problem body to answer it with. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String kind;
    private final String title;
    private final String field;

    public ProblemException(int status, String kind, String title, String detail, String field) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.field = field;
    }

    public static ProblemException unknownScenario(String id) {
        return new ProblemException(
                404,
                "unknown-scenario",
                "Unknown scenario",
                "no scenario with id '" + id + "' (finished scenarios are listed until deleted)",
                null);
    }

    public static ProblemException bodyTooLarge(long size, int limit) {
        return new ProblemException(
                413,
                "body-too-large",
                "Request body too large",
                "the body has " + size + " bytes; at most " + limit + " are accepted",
                null);
    }

    public Problem toProblem(String instance) {
        return new Problem("/problems/" + kind, title, status, getMessage(), instance, field);
    }
}
