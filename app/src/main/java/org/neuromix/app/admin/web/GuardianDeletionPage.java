package org.neuromix.app.admin.web;

import org.neuromix.app.account.SignedIn;
import org.neuromix.app.privacy.GuardianDeletions;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** ADMIN: a parent's or guardian's deletion request, carried out at once (the form is on the support page). */
@Controller
class GuardianDeletionPage {
    private final GuardianDeletions deletions;

    GuardianDeletionPage(GuardianDeletions deletions) {
        this.deletions = deletions;
    }

    @PostMapping("/admin/accounts/{accountId}/guardian-deletion")
    String delete(@AuthenticationPrincipal SignedIn me, @PathVariable long accountId,
                  @RequestParam(required = false) String confirmEmail, @RequestParam(required = false) String reason, Model model) {
        deletions.deleteNow(accountId, confirmEmail, reason, me.accountId());
        model.addAttribute("heading", "Account deleted");
        model.addAttribute("text", "Account " + accountId + " and everything of it — sessions, files, plans, reports, tokens,"
                + " email log — are deleted, with no grace period and no restore link. The audit log records it.");
        model.addAttribute("backUrl", "/support");
        model.addAttribute("backLabel", "Support");
        return "message";
    }
}
