package org.neuromix.app.system;

/**
 * Not there, or not the caller's: both answer 404 so that nobody learns whether another
 * person's session exists.
 */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String what) {
        super(what + " not found");
    }
}
