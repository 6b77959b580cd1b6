package org.neuromix.app.system;

import org.neuromix.app.account.SignedIn;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the signed-in person (or null) into every page's model as {@code me}. */
@ControllerAdvice(annotations = Controller.class)
class PageModel {
    @ModelAttribute("me")
    SignedIn me(@AuthenticationPrincipal SignedIn me) {
        return me;
    }
}
