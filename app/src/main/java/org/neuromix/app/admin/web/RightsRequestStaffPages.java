package org.neuromix.app.admin.web;

import java.time.Clock;

import org.neuromix.app.account.SignedIn;
import org.neuromix.app.privacy.RightsRequests;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** SUPPORT and ADMIN (as every {@code /support} route): the rights requests not closed yet, with their deadlines. */
@Controller
class RightsRequestStaffPages {
    private final RightsRequests requests;
    private final Clock clock;

    RightsRequestStaffPages(RightsRequests requests, Clock clock) {
        this.requests = requests;
        this.clock = clock;
    }

    @GetMapping("/support/requests")
    String list(Model model) {
        model.addAttribute("requests", requests.notClosed());
        model.addAttribute("now", clock.instant());
        return "rights-requests";
    }

    @GetMapping("/support/requests/{id}")
    String request(@AuthenticationPrincipal SignedIn me, @PathVariable long id, Model model) {
        model.addAttribute("request", requests.viewedByStaff(id, me.accountId()));
        model.addAttribute("now", clock.instant());
        return "rights-request-staff";
    }

    @PostMapping("/support/requests/{id}/answer")
    String answer(@AuthenticationPrincipal SignedIn me, @PathVariable long id, @RequestParam(required = false) String answer,
                  RedirectAttributes flash) {
        requests.answer(id, answer, me.accountId());
        flash.addFlashAttribute("notice", "The answer to request #" + id + " is emailed to the requester.");
        return "redirect:/support/requests/" + id;
    }

    @PostMapping("/support/requests/{id}/close")
    String close(@AuthenticationPrincipal SignedIn me, @PathVariable long id, @RequestParam(required = false) String note,
                 RedirectAttributes flash) {
        requests.close(id, note, me.accountId());
        flash.addFlashAttribute("notice", "Request #" + id + " is closed.");
        return "redirect:/support/requests";
    }
}
