package io.streamsight.events.rules;

/**
 * A rule that cannot be applied. The message names the offending field by its JSON path
 * ({@code condition.all[1].op}), so a rejection status or a 400 problem says exactly what to fix.
 */
public class InvalidRuleException extends IllegalArgumentException {

    private final String field;
    private final String problem;

    public InvalidRuleException(String field, String problem) {
        super("field '" + field + "': " + problem);
        this.field = field;
        this.problem = problem;
    }

    /** The same problem at {@code prefix + field}, for a part validated without knowing where it sits. */
    public InvalidRuleException under(String prefix) {
        return new InvalidRuleException(prefix + field, problem);
    }

    public String field() {
        return field;
    }
}
