package org.neuromix.app.system;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/** Bad input on a page: the message page with the reason and the proper status. */
@ControllerAdvice(annotations = Controller.class)
class PageErrors {
    @ExceptionHandler(InvalidInputException.class)
    String invalid(InvalidInputException e, Model model, HttpServletResponse response) {
        response.setStatus(e.status());
        return page(model, "That did not work", e.getMessage(), e.field());
    }

    @ExceptionHandler(NotFoundException.class)
    String notFound(NotFoundException e, Model model, HttpServletResponse response) {
        response.setStatus(404);
        return page(model, "Not found", "There is nothing here, or it is not yours.", null);
    }

    @ExceptionHandler({org.springframework.web.multipart.MultipartException.class,
            org.springframework.web.bind.MissingServletRequestParameterException.class,
            org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class})
    String badRequest(Exception e, Model model, HttpServletResponse response) {
        if (e instanceof MaxUploadSizeExceededException) {
            return tooLarge(model, response);
        }
        response.setStatus(400);
        return page(model, "That did not work", "The request was not complete or not well formed.", null);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(Model model, HttpServletResponse response) {
        response.setStatus(413);
        return page(model, "File too large", "The upload is larger than the limit per file.", "file");
    }

    private static String page(Model model, String heading, String text, String field) {
        model.addAttribute("heading", heading);
        model.addAttribute("text", text);
        model.addAttribute("field", field);
        model.addAttribute("backUrl", "/dashboard");
        model.addAttribute("backLabel", "Your sessions");
        return "message";
    }
}
