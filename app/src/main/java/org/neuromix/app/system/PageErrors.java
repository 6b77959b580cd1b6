package org.neuromix.app.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;

/**
 * Bad input on a page: the message page with the reason and the proper status. The reason is
 * the API's ({@link Problems}); a page's script that asks for JSON (the uploader) gets the problem
 * itself, so that it can show the detail in place.
 */
@ControllerAdvice(annotations = Controller.class)
class PageErrors {
    @ExceptionHandler({InvalidInputException.class, NotFoundException.class, MultipartException.class,
            MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    Object badInput(Exception e, Model model, HttpServletRequest request, HttpServletResponse response) {
        ProblemDetail problem = Problems.of(e, 400);
        if (Problems.wantsJson(request)) {
            return ApiErrors.answer(problem);
        }
        response.setStatus(problem.getStatus());
        if (e instanceof NotFoundException) {
            return page(model, "Not found", "There is nothing here, or it is not yours.", null);
        }
        Object field = problem.getProperties() == null ? null : problem.getProperties().get("field");
        return page(model, problem.getStatus() == 413 ? "Too large" : "That did not work", problem.getDetail(),
                field == null ? null : field.toString());
    }

    private static String page(Model model, String heading, String text, String field) {
        // An exception handler's model has none of the page attributes: the menu must still know who is signed in.
        model.addAttribute("me", signedIn());
        model.addAttribute("heading", heading);
        model.addAttribute("text", text);
        model.addAttribute("field", field);
        model.addAttribute("backUrl", "/dashboard");
        model.addAttribute("backLabel", "Your sessions");
        return "message";
    }

    /**
     * The signed-in person's principal, or null: for pages made outside a controller's model (errors),
     * so that their menu shows "Sign out", not "Sign in", to someone signed in.
     */
    static Object signedIn() {
        org.springframework.security.core.Authentication auth =
                org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated()
                || auth instanceof org.springframework.security.authentication.AnonymousAuthenticationToken ? null : auth.getPrincipal();
    }
}
