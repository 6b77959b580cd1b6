package org.neuromix.app.privacy.web;


import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import org.neuromix.app.account.AccountService;
import org.neuromix.app.account.Accounts;
import org.neuromix.app.account.SignedIn;
import org.neuromix.app.privacy.AuditLog;
import org.neuromix.app.privacy.DataExport;
import org.neuromix.app.privacy.RetentionSettings;
import org.neuromix.app.privacy.SupportGrants;
import org.neuromix.app.session.MixSession;
import org.neuromix.app.session.SessionService;
import org.neuromix.app.system.InvalidInputException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The person's rights on the pages: export, deletion (and restoring), email choices, support access. */
@Controller
class PrivacyPages {
    private final AccountService accounts;
    private final Accounts accountRows;
    private final DataExport export;
    private final RetentionSettings retention;
    private final SupportGrants grants;
    private final SessionService sessions;
    private final AuditLog audit;

    PrivacyPages(AccountService accounts, Accounts accountRows, DataExport export, RetentionSettings retention,
                 SupportGrants grants, SessionService sessions, AuditLog audit) {
        this.accounts = accounts;
        this.accountRows = accountRows;
        this.export = export;
        this.retention = retention;
        this.grants = grants;
        this.sessions = sessions;
        this.audit = audit;
    }

    @GetMapping("/account/export")
    ResponseEntity<StreamingResponseBody> export(@AuthenticationPrincipal SignedIn me) {
        return zip(export, me.accountId());
    }

    static ResponseEntity<StreamingResponseBody> zip(DataExport export, long accountId) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("neuromix-export-" + accountId + ".zip").build().toString())
                .body(out -> export.write(accountId, out));
    }

    @PostMapping("/account/delete")
    String delete(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String password,
                  HttpServletRequest request, Model model) throws ServletException {
        var purgeAt = accounts.requestDeletion(me.accountId(), password, retention.accountGrace());
        audit.record(AuditLog.Kind.ACCOUNT_DELETION_REQUESTED, me.accountId(), null, me.accountId(),
                "by the account holder; purge after " + RetentionSettings.describe(retention.accountGrace()));
        request.logout();
        model.addAttribute("heading", "Your account is deactivated");
        model.addAttribute("text", "It and all its sessions will be deleted for good on " + purgeAt + " (UTC). Until then,"
                + " sign in (or use the link we emailed you) to keep everything.");
        model.addAttribute("backUrl", "/");
        model.addAttribute("backLabel", "Home");
        return "message";
    }

    @PostMapping("/account/notifications")
    String notifications(@AuthenticationPrincipal SignedIn me, @RequestParam(defaultValue = "false") boolean on,
                         RedirectAttributes flash) {
        accounts.setEmailNotifications(me.accountId(), on);
        flash.addFlashAttribute("notice", on ? "You will get emails before your audio is deleted."
                : "No more emails before your audio is deleted.");
        return "redirect:/account";
    }

    @PostMapping("/account/accept-policy")
    String acceptPolicy(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String version,
                        RedirectAttributes flash) {
        accounts.acceptPolicy(me.accountId(), version);
        flash.addFlashAttribute("notice", "Thank you: you accepted the privacy policy version " + version + ".");
        return "redirect:/dashboard";
    }

    /** The link from the deletion email, or the page an account pending deletion signs in to. */
    @GetMapping("/restore")
    String restorePage(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String token, Model model) {
        model.addAttribute("backUrl", "/login");
        model.addAttribute("backLabel", "Sign in");
        if (token != null) {
            var restored = accounts.cancelDeletionByLink(token);
            if (restored.isEmpty()) {
                audit.record(AuditLog.Kind.REFUSED, null, null, null, "restore link used, expired or unknown");
                model.addAttribute("heading", "This link does not work");
                model.addAttribute("text", "It was already used, has expired, or is mistyped.");
                return "message";
            }
            audit.record(AuditLog.Kind.ACCOUNT_DELETION_CANCELLED, restored.get(), null, restored.get(), "by the emailed link");
            model.addAttribute("heading", "Your account is restored");
            model.addAttribute("text", "Nothing will be deleted. Sign in to carry on.");
            return "message";
        }
        if (me == null) {
            return "redirect:/login";
        }
        model.addAttribute("heading", "Your account is scheduled for deletion");
        model.addAttribute("text", "Keep it? Everything is still here until the end of the grace period.");
        model.addAttribute("restoreForm", true);
        return "message";
    }

    @PostMapping("/restore")
    String restore(@AuthenticationPrincipal SignedIn me, HttpServletRequest request, Model model) throws ServletException {
        if (me == null) {
            return "redirect:/login";
        }
        if (accounts.cancelDeletion(me.accountId())) {
            audit.record(AuditLog.Kind.ACCOUNT_DELETION_CANCELLED, me.accountId(), null, me.accountId(), "by signing in");
        }
        request.logout(); // sign in again to get the account's full rights back
        model.addAttribute("heading", "Your account is restored");
        model.addAttribute("text", "Nothing will be deleted. Sign in again to carry on.");
        model.addAttribute("backUrl", "/login");
        model.addAttribute("backLabel", "Sign in");
        return "message";
    }

    @PostMapping("/sessions/{id}/support-access")
    String grant(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @RequestParam(defaultValue = "24") int hours,
                 RedirectAttributes flash) {
        MixSession session = ownedOrAudited(me, id);
        if (hours < 1 || hours > SupportGrants.MAX_LENGTH.toHours()) {
            throw new InvalidInputException("hours", "support access lasts 1 to " + SupportGrants.MAX_LENGTH.toHours() + " hours");
        }
        var until = grants.grant(session.id(), me.accountId(), java.time.Duration.ofHours(hours));
        audit.record(AuditLog.Kind.SUPPORT_GRANTED, me.accountId(), session.id(), me.accountId(), "until " + until);
        flash.addFlashAttribute("notice", "Support staff may listen to this session's audio until " + until + " (UTC).");
        return "redirect:/sessions/" + id;
    }

    @PostMapping("/sessions/{id}/support-access/revoke")
    String revoke(@AuthenticationPrincipal SignedIn me, @PathVariable String id, RedirectAttributes flash) {
        MixSession session = ownedOrAudited(me, id);
        grants.revoke(session.id());
        audit.record(AuditLog.Kind.SUPPORT_GRANT_REVOKED, me.accountId(), session.id(), me.accountId(), "by the owner");
        flash.addFlashAttribute("notice", "Support access ended.");
        return "redirect:/sessions/" + id;
    }

    /** Granting on someone else's session is a forged grant: refused (404) and audited. */
    private MixSession ownedOrAudited(SignedIn me, String id) {
        try {
            return sessions.owned(id, me.accountId());
        } catch (RuntimeException notOwner) {
            audit.record(AuditLog.Kind.REFUSED, null, id.length() > 36 ? null : id, me.accountId(),
                    "support access change on a session that is not the caller's");
            throw notOwner;
        }
    }

}
