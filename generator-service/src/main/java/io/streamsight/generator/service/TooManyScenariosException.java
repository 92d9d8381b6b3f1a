package io.streamsight.generator.service;

/** The configured number of concurrently running scenarios is reached. */
public class TooManyScenariosException extends IllegalStateException {

    public TooManyScenariosException(int limit) {
        super(
                limit
                        + " scenarios are already running; stop one (DELETE /scenarios/{id}) or raise generator.limits.max-running-scenarios");
    }
}
