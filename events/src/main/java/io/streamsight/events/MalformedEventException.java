package io.streamsight.events;

/**
 * An event that does not satisfy the contract. The message always names the offending field
 * (or {@code <document>} when the input is not JSON at all), so a dead-letter reason or a 400
 * problem body tells the sender exactly what to fix.
 */
public class MalformedEventException extends IllegalArgumentException {

    private final String field;
    private final String problem;

    public MalformedEventException(String field, String problem) {
        this(field, problem, null);
    }

    public MalformedEventException(String field, String problem, Throwable cause) {
        super("field '" + field + "': " + problem, cause);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
