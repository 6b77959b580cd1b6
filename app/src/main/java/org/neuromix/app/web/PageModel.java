package org.neuromix.app.web;

import org.neuromix.app.account.Accounts;
import org.neuromix.app.account.PolicySettings;
import org.neuromix.app.account.SignedIn;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the signed-in person (or null) into every page's model as {@code me}, and the policy notice. */
@ControllerAdvice(annotations = Controller.class)
class PageModel {
    private final Accounts accounts;
    private final PolicySettings policy;

    PageModel(Accounts accounts, PolicySettings policy) {
        this.accounts = accounts;
        this.policy = policy;
    }

    @ModelAttribute("me")
    SignedIn me(@AuthenticationPrincipal SignedIn me) {
        return me;
    }

    /** The current policy version when the signed-in person has not accepted it yet (a notice on every page). */
    @ModelAttribute("policyNotice")
    String policyNotice(@AuthenticationPrincipal SignedIn me) {
        if (me == null) {
            return null;
        }
        return accounts.byId(me.accountId()).filter(a -> !a.deletionPending())
                .filter(a -> !policy.version().equals(a.acceptedPolicyVersion())).map(a -> policy.version()).orElse(null);
    }
}
