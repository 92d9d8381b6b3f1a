package io.streamsight.generator.scenario;

/** A scenario that cannot run as asked; names the offending request field. */
public class InvalidScenarioException extends IllegalArgumentException {

    private final String field;

    public InvalidScenarioException(String field, String problem) {
        super("field '" + field + "': " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
