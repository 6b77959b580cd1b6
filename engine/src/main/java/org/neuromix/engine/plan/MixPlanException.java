package org.neuromix.engine.plan;

/** A plan that cannot be used; the message starts with the JSON path of the offending field. */
public class MixPlanException extends Exception {
    private final String field;

    public MixPlanException(String field, String problem) {
        super(field.isEmpty() ? problem : field + ": " + problem);
        this.field = field;
    }

    /** JSON path of the field, e.g. {@code tracks[2].eq[0].frequencyHz}; empty for the whole document. */
    public String field() {
        return field;
    }
}
