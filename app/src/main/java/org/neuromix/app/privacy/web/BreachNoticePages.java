package org.neuromix.app.privacy.web;

import org.neuromix.app.account.SignedIn;
import org.neuromix.app.privacy.BreachNotices;
import org.neuromix.app.system.NotFoundException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The breach notices a person was sent, in full, and marking them read (which ends the sign-in notice). */
@Controller
class BreachNoticePages {
    private final BreachNotices breaches;

    BreachNoticePages(BreachNotices breaches) {
        this.breaches = breaches;
    }

    @GetMapping("/account/breach-notices")
    String notices(@AuthenticationPrincipal SignedIn me, Model model) {
        model.addAttribute("notices", breaches.of(me.accountId()));
        return "breach-notices";
    }

    @PostMapping("/account/breach-notices/{incidentId}/seen")
    String seen(@AuthenticationPrincipal SignedIn me, @PathVariable long incidentId, RedirectAttributes flash) {
        // Only the caller's own notice can be marked: another id changes nothing and is not found (as a foreign session is).
        if (breaches.markSeen(incidentId, me.accountId())) {
            flash.addFlashAttribute("notice", "Thank you for reading the notice.");
        } else if (breaches.of(me.accountId()).stream().noneMatch(n -> n.incidentId() == incidentId)) {
            throw new NotFoundException("breach notice");
        }
        return "redirect:/account/breach-notices";
    }
}
