package org.neuromix.app.system;

import java.io.IOException;

/** A request body past {@code neuromix.api.max-json-body-bytes}: answered with 413 naming the field {@code body}. */
class RequestBodyTooLargeException extends IOException {
    RequestBodyTooLargeException(String limit) {
        super("the request body is larger than the limit of " + limit);
    }
}
