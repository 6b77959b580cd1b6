package org.neuromix.app.admin.web;

import jakarta.servlet.http.HttpServletResponse;

import org.neuromix.app.account.SignedIn;
import org.neuromix.app.privacy.BreachNotices;
import org.neuromix.app.system.InvalidInputException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * ADMIN (as every {@code /admin} route): record a personal data breach and notify the accounts it
 * may affect. "Dry run" lists who would be notified and sends nothing; "Notify" records the
 * incident and emails each of them once. The form keeps what was typed between the two.
 */
@Controller
class BreachPages {
    static final int INCIDENTS_SHOWN = 20;

    private final BreachNotices breaches;

    BreachPages(BreachNotices breaches) {
        this.breaches = breaches;
    }

    /** What the form carries, as typed (shown again after a dry run or a refusal). */
    record Form(String whatHappened, String happenedFrom, String happenedTo, String dataConcerned, String likelyConsequences,
                String measuresTaken, String contact, String selection, String dataFrom, String dataTo) {
        static Form empty() {
            return new Form("", "", "", "", "", "", "", "all", "", "");
        }
    }

    @GetMapping("/admin/breaches")
    String page(Model model) {
        return page(model, Form.empty());
    }

    private String page(Model model, Form form) {
        model.addAttribute("form", form);
        model.addAttribute("incidents", breaches.recorded(INCIDENTS_SHOWN));
        return "breaches";
    }

    @PostMapping("/admin/breaches")
    String submit(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String whatHappened,
                  @RequestParam(required = false) String happenedFrom, @RequestParam(required = false) String happenedTo,
                  @RequestParam(required = false) String dataConcerned, @RequestParam(required = false) String likelyConsequences,
                  @RequestParam(required = false) String measuresTaken, @RequestParam(required = false) String contact,
                  @RequestParam(required = false) String selection, @RequestParam(required = false) String dataFrom,
                  @RequestParam(required = false) String dataTo, @RequestParam(defaultValue = "dry-run") String action,
                  Model model, HttpServletResponse response, RedirectAttributes flash) {
        Form form = new Form(whatHappened, happenedFrom, happenedTo, dataConcerned, likelyConsequences, measuresTaken, contact,
                selection, dataFrom, dataTo);
        try {
            BreachNotices.Incident incident = BreachNotices.Incident.of(whatHappened, happenedFrom, happenedTo, dataConcerned,
                    likelyConsequences, measuresTaken, contact, selection, dataFrom, dataTo);
            switch (action) {
                case "dry-run" -> {
                    model.addAttribute("wouldNotify", breaches.dryRun(incident, me.accountId()));
                    model.addAttribute("selectionDescribed", incident.describeSelection());
                    return page(model, form);
                }
                case "notify" -> {
                    BreachNotices.Notified notified = breaches.notifyAffected(incident, me.accountId());
                    flash.addFlashAttribute("notice", "Incident #" + notified.incidentId() + " recorded; its notice is being"
                            + " emailed to " + notified.emailed() + " accounts (" + incident.describeSelection()
                            + "), once each, and shown at their next sign-in.");
                    return "redirect:/admin/breaches";
                }
                default -> throw new InvalidInputException("action", "the action is 'dry-run' or 'notify'");
            }
        } catch (InvalidInputException e) {
            response.setStatus(e.status());
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorField", e.field());
            return page(model, form);
        }
    }
}
