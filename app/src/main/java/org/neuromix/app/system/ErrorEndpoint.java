package org.neuromix.app.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /error}, where the servlet container sends what failed outside a controller: a type or
 * media-type error found while choosing the controller, an unknown address, a refused upload, a
 * CSRF refusal, an unexpected exception. The API (and a page script asking for JSON) gets the
 * problem JSON; a browser gets the error page with the same reason.
 */
@Controller
@ConditionalOnWebApplication
class ErrorEndpoint implements ErrorController {
    private final ErrorAttributes errors;

    ErrorEndpoint(ErrorAttributes errors) {
        this.errors = errors;
    }

    @RequestMapping("/error")
    Object error(HttpServletRequest request, HttpServletResponse response) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : 500;
        Throwable exception = request.getAttribute(Problems.EXCEPTION_ATTRIBUTE) instanceof Throwable t ? t
                : errors.getError(new ServletWebRequest(request));
        ProblemDetail problem = exception == null ? Problems.ofStatus(status) : Problems.of(exception, status);
        if (problem.getStatus() != status && status >= 400) {
            // The status already sent is the truth; keep the reason when it was for another status.
            problem = Problems.problem(status, status >= 500 ? Problems.ofStatus(status).getDetail() : problem.getDetail(),
                    field(problem));
        }
        if (Problems.wantsJson(request)) {
            if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
                try {
                    problem.setInstance(java.net.URI.create(uri)); // the address asked for, not /error
                } catch (IllegalArgumentException notAUri) {
                    problem.setInstance(null);
                }
            }
            return ApiErrors.answer(problem);
        }
        response.setStatus(status);
        ModelAndView page = new ModelAndView("error");
        page.addObject("me", PageErrors.signedIn());
        page.addObject("status", status);
        page.addObject("reason", problem.getDetail());
        page.setStatus(org.springframework.http.HttpStatus.valueOf(problem.getStatus()));
        return page;
    }

    private static String field(ProblemDetail problem) {
        Object field = problem.getProperties() == null ? null : problem.getProperties().get("field");
        return field == null ? null : field.toString();
    }
}
