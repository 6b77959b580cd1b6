package org.neuromix.app.system;

/** Bad input from outside: answered with HTTP 400 (or the given status) naming the field. */
public class InvalidInputException extends RuntimeException {
    private final String field;
    private final int status;

    public InvalidInputException(String field, String message) {
        this(field, message, 400);
    }

    public InvalidInputException(String field, String message, int status) {
        super(message);
        this.field = field;
        this.status = status;
    }

    public String field() {
        return field;
    }

    public int status() {
        return status;
    }
}
