package org.neuromix.app.privacy.web;

import java.util.List;

import org.neuromix.app.account.SignedIn;
import org.neuromix.app.privacy.BreachNotices;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the signed-in person's unread breach notices into every page's model: the layout shows a notice until they are read. */
@ControllerAdvice(annotations = Controller.class)
class BreachNoticeModel {
    private final BreachNotices breaches;

    BreachNoticeModel(BreachNotices breaches) {
        this.breaches = breaches;
    }

    @ModelAttribute("breachNotices")
    List<BreachNotices.Notice> breachNotices(@AuthenticationPrincipal SignedIn me) {
        return me == null ? List.of() : breaches.unseen(me.accountId());
    }
}
