package io.streamsight.events.rules;

/**
 * A rule that cannot be applied. The message names the offending field by its JSON path
 * ({@code condition.all[1].op}), so a rejection status or a 400 problem says exactly what to fix.
 */
public class InvalidRuleException extends IllegalArgumentException {

    private final String field;

    public InvalidRuleException(String field, String problem) {
        super("field '" + field + "': " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
