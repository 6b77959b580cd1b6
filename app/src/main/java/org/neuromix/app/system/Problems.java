package org.neuromix.app.system;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.tomcat.util.http.fileupload.FileUploadException;
import org.apache.tomcat.util.http.fileupload.InvalidFileNameException;
import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.FileSizeLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.SizeLimitExceededException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one mapping from what went wrong to an RFC 9457 problem: status, a detail a person can act
 * on, and the offending field or parameter. The API's advice ({@link ApiErrors}), the error
 * endpoint ({@link ErrorEndpoint}, for what fails before a controller runs), the security
 * handlers and the pages ({@link PageErrors}) all answer from here, so a reason reads the same
 * everywhere. No answer echoes a long value back: quoted input is cut to 80 characters.
 */
public final class Problems {
    /** Where a handler outside MVC (the security filters) leaves its exception for the error endpoint. */
    public static final String EXCEPTION_ATTRIBUTE = Problems.class.getName() + ".exception";

    private static final int MAX_ECHO = 80;
    private static final int MAX_DETAIL = 600;
    private static final int MAX_FIELD = 120;
    private static final Pattern QUOTED = Pattern.compile("'([^']{" + (MAX_ECHO + 1) + ",})'");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    public static ProblemDetail problem(int status, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), shorten(detail));
        if (field != null) {
            problem.setProperty("field", cut(field, MAX_FIELD));
        }
        return problem;
    }

    /** The problem for an exception; {@code status} is used for exceptions this class does not know. */
    public static ProblemDetail of(Throwable e, int status) {
        if (e instanceof InvalidInputException invalid) {
            return problem(invalid.status(), invalid.getMessage(), invalid.field());
        }
        if (e instanceof NotFoundException) {
            return problem(404, e.getMessage(), null);
        }
        if (e instanceof RequestBodyTooLargeException tooLarge) {
            return problem(413, tooLarge.getMessage(), "body");
        }
        if (e instanceof MultipartException || e instanceof MissingServletRequestPartException) {
            return upload(e);
        }
        if (e instanceof HttpMessageNotReadableException unreadable) {
            RequestBodyTooLargeException tooLarge = cause(e, RequestBodyTooLargeException.class);
            if (tooLarge != null) {
                return problem(413, tooLarge.getMessage(), "body");
            }
            return problem(400, "the request body is not valid JSON of the expected shape: " + JsonProblems.describe(unreadable),
                    JsonProblems.field(unreadable));
        }
        if (e instanceof MethodArgumentTypeMismatchException mismatch) {
            return problem(400, "'" + mismatch.getName() + "' must be " + expected(mismatch.getRequiredType()) + ", was "
                    + quote(String.valueOf(mismatch.getValue())), mismatch.getName());
        }
        if (e instanceof MissingServletRequestParameterException missing) {
            return problem(400, "the parameter '" + missing.getParameterName() + "' is missing", missing.getParameterName());
        }
        if (e instanceof HttpMediaTypeNotSupportedException mediaType) {
            return problem(415, "the Content-Type " + quote(String.valueOf(mediaType.getContentType())) + " is not taken here"
                    + (mediaType.getSupportedMediaTypes().isEmpty() ? "" : "; send " + mediaType.getSupportedMediaTypes()), null);
        }
        if (e instanceof HttpRequestMethodNotSupportedException method) {
            return problem(405, method.getMethod() + " is not allowed here"
                    + (method.getSupportedMethods() == null ? "" : "; use " + String.join(" or ", method.getSupportedMethods())), null);
        }
        if (e instanceof NoResourceFoundException || e instanceof NoHandlerFoundException) {
            return problem(404, "there is nothing at this address", null);
        }
        if (e instanceof CsrfException) {
            return problem(403, "the form's security token is missing or has expired (for example after signing in again);"
                    + " reload the page and try again", null);
        }
        if (cause(e, FileUploadException.class) != null || cause(e, InvalidFileNameException.class) != null) {
            return upload(e); // Tomcat's own refusal of a form, met while reading parameters
        }
        if (e instanceof ErrorResponse response) {
            return problem(response.getStatusCode().value(), response.getBody().getDetail(), null);
        }
        return ofStatus(status);
    }

    /** When nothing but the status is known (an error from the container or an unexpected exception). */
    static ProblemDetail ofStatus(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        int code = known == null ? 500 : status;
        String detail = switch (code) {
            case 400 -> "the request is not well formed";
            case 401 -> "sign in first";
            case 403 -> "you are not allowed to do this";
            case 404 -> "there is nothing at this address";
            case 413 -> "the request is larger than the server takes";
            default -> code >= 500 ? "something went wrong on the server; it has been logged" : HttpStatus.valueOf(code).getReasonPhrase();
        };
        return problem(code, detail, null);
    }

    private static ProblemDetail upload(Throwable e) {
        FileSizeLimitExceededException file = cause(e, FileSizeLimitExceededException.class);
        if (file != null) {
            return problem(413, (file.getFileName() == null ? "the file" : quote(Names.fileName(file.getFileName(), 200)))
                    + " is larger than the limit of " + size(file.getPermittedSize()) + " per file", "file");
        }
        FileCountLimitExceededException count = cause(e, FileCountLimitExceededException.class);
        if (count != null) {
            return problem(413, "send at most " + count.getLimit() + " parts in one request (each file is a part);"
                    + " upload the rest in another request", "file");
        }
        SizeLimitExceededException request = cause(e, SizeLimitExceededException.class);
        if (request != null && String.valueOf(request.getMessage()).startsWith("Header section")) {
            // Tomcat limits the headers of each part; the file name is the only long one.
            return problem(413, "the file name is too long (a part's headers may have at most " + request.getPermittedSize()
                    + " bytes); rename the file and upload it again", "file");
        }
        if (request != null) {
            return problem(413, "the request is larger than the limit of " + size(request.getPermittedSize()), "file");
        }
        if (cause(e, InvalidFileNameException.class) != null) {
            return problem(400, "a file name contains a control character (NUL); rename the file and upload it again", "file");
        }
        if (e instanceof MaxUploadSizeExceededException) {
            return problem(413, "the upload is larger than the limit per file", "file");
        }
        return problem(400, "send the audio as multipart/form-data in the field 'file'", "file");
    }

    /** Whether the caller reads problems as JSON: the API, and scripts on the pages that ask for JSON. */
    public static boolean wantsJson(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = original instanceof String uri ? uri : request.getRequestURI();
        if (path != null && path.startsWith(request.getContextPath() + "/api/")) {
            return true;
        }
        String accept = request.getHeader("Accept");
        return accept != null && !accept.contains("text/html")
                && (accept.contains(MediaType.APPLICATION_JSON_VALUE) || accept.contains(MediaType.APPLICATION_PROBLEM_JSON_VALUE));
    }

    /** Writes the problem where no message converter is at hand (servlet filters). */
    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        if (problem.getStatus() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        Map<String, Object> body = new LinkedHashMap<>();
        if (problem.getType() != null) {
            body.put("type", problem.getType().toString());
        }
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }

    /** A value from outside inside quotes, cut to 80 characters. */
    static String quote(String value) {
        return "'" + cut(value, MAX_ECHO) + "'";
    }

    /** Cuts every quoted run longer than 80 characters, and the whole text to 600. */
    private static String shorten(String detail) {
        if (detail == null) {
            return null;
        }
        String text = detail.length() > 10 * MAX_DETAIL ? detail.substring(0, 10 * MAX_DETAIL) : detail;
        Matcher quoted = QUOTED.matcher(text);
        StringBuilder out = new StringBuilder();
        while (quoted.find()) {
            quoted.appendReplacement(out, Matcher.quoteReplacement(quote(quoted.group(1))));
        }
        quoted.appendTail(out);
        return cut(out.toString(), MAX_DETAIL);
    }

    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "…";
    }

    private static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == long.class || type == Long.class) {
            return "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        return "of the type " + (type == null ? "expected" : type.getSimpleName());
    }

    static String size(long bytes) {
        long kb = 1024;
        if (bytes > 0 && bytes % (kb * kb * kb) == 0) {
            return bytes / (kb * kb * kb) + "GB";
        }
        if (bytes > 0 && bytes % (kb * kb) == 0) {
            return bytes / (kb * kb) + "MB";
        }
        if (bytes > 0 && bytes % kb == 0) {
            return bytes / kb + "KB";
        }
        return bytes + " bytes";
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
