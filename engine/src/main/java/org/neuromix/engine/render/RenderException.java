package org.neuromix.engine.render;

/** A render that cannot be done with the given plan and stems; the message is for the user. */
public class RenderException extends Exception {
    public RenderException(String message) {
        super(message);
    }

    public RenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
