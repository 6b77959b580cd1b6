package org.neuromix.app.system;

import org.springframework.http.converter.HttpMessageNotReadableException;

import tools.jackson.databind.DatabindException;

/** Names the JSON field behind a parse error, without internals. */
final class JsonProblems {
    private JsonProblems() {
    }

    static String field(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidInputException invalid) {
                return invalid.field();
            }
        }
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                databind.getPath().forEach(ref -> {
                    if (ref.getPropertyName() != null) {
                        path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
                    } else if (ref.getIndex() >= 0) {
                        path.append('[').append(ref.getIndex()).append(']');
                    }
                });
                return path.toString();
            }
            cause = cause.getCause();
        }
        return null;
    }

    static String describe(HttpMessageNotReadableException e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof InvalidInputException invalid) {
                return invalid.getMessage();
            }
            cause = cause.getCause();
        }
        String field = field(e);
        return field == null ? "check the syntax" : "check the field '" + field + "'";
    }
}
