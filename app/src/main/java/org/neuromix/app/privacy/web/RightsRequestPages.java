package org.neuromix.app.privacy.web;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.neuromix.app.account.SignedIn;
import org.neuromix.app.privacy.RetentionSettings;
import org.neuromix.app.privacy.RightsRequestSettings;
import org.neuromix.app.privacy.RightsRequests;
import org.neuromix.app.system.InvalidInputException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The rights request form, open to anyone (signed in or not), and the link that confirms the address. */
@Controller
class RightsRequestPages {
    private final RightsRequests requests;
    private final RightsRequestSettings settings;

    RightsRequestPages(RightsRequests requests, RightsRequestSettings settings) {
        this.requests = requests;
        this.settings = settings;
    }

    @GetMapping("/privacy/requests")
    String form(@RequestParam(required = false) String kind, @RequestParam(defaultValue = "false") boolean forChild, Model model) {
        return form(model, kind == null ? "access" : kind, null, forChild, null, null);
    }

    private String form(Model model, String kind, String email, boolean forChild, String details, String error) {
        model.addAttribute("kinds", List.of(RightsRequests.Kind.values()));
        model.addAttribute("kind", kind);
        model.addAttribute("email", email);
        model.addAttribute("forChild", forChild);
        model.addAttribute("details", details);
        model.addAttribute("error", error);
        model.addAttribute("answerWithin", RetentionSettings.describe(settings.answerWithin()));
        return "rights-request";
    }

    @PostMapping("/privacy/requests")
    String submit(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String kind,
                  @RequestParam(required = false) String email, @RequestParam(required = false) String details,
                  @RequestParam(defaultValue = "false") boolean forChild, Model model, HttpServletResponse response) {
        RightsRequests.Request request;
        try {
            request = requests.submit(kind, email, details, forChild, me == null ? null : me.accountId()).orElse(null);
        } catch (InvalidInputException e) {
            response.setStatus(e.status());
            return form(model, kind, email, forChild, details, e.getMessage());
        }
        if (me == null) {
            // The same answer whether or not a link was already pending for the address.
            return message(model, "Check your email", "To confirm that the address is yours, follow the link we emailed to it."
                    + " We count the deadline from now.");
        }
        return message(model, "Request received", "Your request #" + request.id() + " is received; we will answer by "
                + request.dueAt() + " (UTC) at the latest. A confirmation is on its way by email.");
    }

    @GetMapping("/privacy/requests/verify")
    String verify(@RequestParam(required = false) String token, Model model) {
        return requests.verify(token)
                .map(r -> message(model, "Request confirmed", "Your request #" + r.id() + " is confirmed; we will answer by "
                        + r.dueAt() + " (UTC) at the latest."))
                .orElseGet(() -> message(model, "This link does not work", "It was already used, has expired, or is mistyped."
                        + " Send the request again."));
    }

    private static String message(Model model, String heading, String text) {
        model.addAttribute("heading", heading);
        model.addAttribute("text", text);
        model.addAttribute("backUrl", "/privacy");
        model.addAttribute("backLabel", "Privacy policy");
        return "message";
    }
}
