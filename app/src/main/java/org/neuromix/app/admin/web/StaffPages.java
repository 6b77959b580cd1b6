package org.neuromix.app.admin.web;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.neuromix.app.account.Account;
import org.neuromix.app.account.Accounts;
import org.neuromix.app.account.SignedIn;
import org.neuromix.app.privacy.AuditLog;
import org.neuromix.app.privacy.Retention;
import org.neuromix.app.privacy.RetentionSchedule;
import org.neuromix.app.privacy.RetentionSettings;
import org.neuromix.app.privacy.RightsRequestSettings;
import org.neuromix.app.privacy.RightsRequests;
import org.neuromix.app.privacy.SupportGrants;
import org.neuromix.app.session.MixSession;
import org.neuromix.app.session.Sessions;
import org.neuromix.app.storage.BlobResource;
import org.neuromix.app.storage.BlobStore;
import org.neuromix.app.storage.SessionKeys;
import org.neuromix.app.system.InvalidInputException;
import org.neuromix.app.system.NotFoundException;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Staff pages. SUPPORT (and ADMIN) look up an account's metadata and its sessions' metadata —
 * every look is audited and shows in the person's export — and may open a session's audio only
 * while its owner grants it. ADMIN also sees retention status, open and overdue rights requests
 * and the audit log.
 */
@Controller
class StaffPages {
    static final int AUDIT_PAGE_SIZE = 50;

    private final Accounts accounts;
    private final Sessions sessions;
    private final SupportGrants grants;
    private final AuditLog audit;
    private final BlobStore store;
    private final Retention retention;
    private final RetentionSettings settings;
    private final RetentionSchedule schedule;
    private final RightsRequests rightsRequests;
    private final RightsRequestSettings rightsSettings;

    StaffPages(Accounts accounts, Sessions sessions, SupportGrants grants, AuditLog audit, BlobStore store, Retention retention,
               RetentionSettings settings, RetentionSchedule schedule, RightsRequests rightsRequests,
               RightsRequestSettings rightsSettings) {
        this.rightsRequests = rightsRequests;
        this.rightsSettings = rightsSettings;
        this.accounts = accounts;
        this.sessions = sessions;
        this.grants = grants;
        this.audit = audit;
        this.store = store;
        this.retention = retention;
        this.settings = settings;
        this.schedule = schedule;
    }

    @GetMapping("/support")
    String support(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) String email, Model model) {
        model.addAttribute("email", email);
        if (email != null && !email.isBlank()) {
            Account account = accounts.byEmail(email.trim().toLowerCase(Locale.ROOT)).orElse(null);
            model.addAttribute("account", account);
            if (account != null) {
                audit.record(AuditLog.Kind.STAFF_VIEW_ACCOUNT, account.id(), null, me.accountId(),
                        "staff " + me.role().toLowerCase(Locale.ROOT) + " viewed the account and session metadata");
                List<MixSession> list = sessions.page(account.id(), null, 0, 100);
                model.addAttribute("sessions", list);
                model.addAttribute("grants", list.stream().collect(java.util.stream.Collectors.toMap(MixSession::id,
                        s -> grants.activeUntil(s.id()).map(Object::toString).orElse(""))));
            }
        }
        return "support";
    }

    /** The audio of a session, only while its owner grants support access; both outcomes audited. */
    @GetMapping("/support/sessions/{id}/mix.wav")
    ResponseEntity<Resource> audio(@AuthenticationPrincipal SignedIn me, @PathVariable String id) throws IOException {
        MixSession session = sessions.byId(id).orElseThrow(() -> new NotFoundException("session"));
        if (grants.activeUntil(id).isEmpty()) {
            audit.record(AuditLog.Kind.REFUSED, session.ownerId(), id, me.accountId(), "staff audio access without a grant");
            throw new InvalidInputException("grant", "the owner has not granted support access to this session's audio", 403);
        }
        if (!session.outputAvailable()) {
            throw new InvalidInputException("status", "this session has no audio (not finished, or expired)", 410);
        }
        audit.record(AuditLog.Kind.STAFF_AUDIO_ACCESS, session.ownerId(), id, me.accountId(), "staff listened under the owner's grant");
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("audio/wav"))
                .body(new BlobResource(store, SessionKeys.mix(id, session.currentRevision()), "mix.wav"));
    }

    @GetMapping("/admin")
    String admin(@RequestParam(defaultValue = "0") int page, Model model) {
        if (page < 0) {
            throw new InvalidInputException("page", "page must be >= 0");
        }
        // Out-of-range pages show the last one (as the dashboard does); the offset never overflows.
        long auditCount = audit.count();
        int lastPage = (int) Math.max(0, (auditCount - 1) / AUDIT_PAGE_SIZE);
        int shown = Math.min(page, lastPage);
        model.addAttribute("due", retention.due());
        model.addAttribute("periods", Map.of(
                "originals", RetentionSettings.describe(settings.originals()),
                "output", RetentionSettings.describe(settings.output()),
                "accountGrace", RetentionSettings.describe(settings.accountGrace()),
                "logs", RetentionSettings.describe(settings.logs()),
                "emails", RetentionSettings.describe(settings.emails()),
                "sweepInterval", RetentionSettings.describe(settings.sweepInterval())));
        model.addAttribute("lastSweep", schedule.lastSweep().map(Instant::toString).orElse("not yet"));
        model.addAttribute("accounts", accounts.count());
        model.addAttribute("rightsOpen", rightsRequests.countOpen());
        model.addAttribute("rightsOverdue", rightsRequests.countOverdue());
        model.addAttribute("rightsAnswerWithin", RetentionSettings.describe(rightsSettings.answerWithin()));
        model.addAttribute("audit", audit.latest(shown * AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE));
        model.addAttribute("page", shown);
        model.addAttribute("auditCount", auditCount);
        return "admin";
    }
}
