package org.neuromix.app.privacy.web;

import java.util.Map;

import org.neuromix.app.account.AccountService;
import org.neuromix.app.account.SignedIn;
import org.neuromix.app.privacy.AuditLog;
import org.neuromix.app.privacy.DataExport;
import org.neuromix.app.privacy.RetentionSettings;
import org.neuromix.app.system.ApiController;
import org.neuromix.app.system.InvalidInputException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Export and deletion of one's own account over the API; anyone else's is refused and audited. */
@ApiController
@RequestMapping("/api/v1/accounts")
class PrivacyApi {
    record DeletionRequest(String password) {
    }

    private final AccountService accounts;
    private final DataExport export;
    private final RetentionSettings retention;
    private final AuditLog audit;

    PrivacyApi(AccountService accounts, DataExport export, RetentionSettings retention, AuditLog audit) {
        this.accounts = accounts;
        this.export = export;
        this.retention = retention;
        this.audit = audit;
    }

    @GetMapping("/me")
    Map<String, Object> me(@AuthenticationPrincipal SignedIn me) {
        return Map.of("id", me.accountId(), "name", me.name(), "email", me.email(), "role", me.role());
    }

    @GetMapping("/{accountId}/export")
    ResponseEntity<StreamingResponseBody> export(@AuthenticationPrincipal SignedIn me, @PathVariable long accountId) {
        requireSelf(me, accountId, "export");
        return PrivacyPages.zip(export, accountId);
    }

    /** 202: deactivated now, purged after the grace period. */
    @DeleteMapping("/{accountId}")
    ResponseEntity<Map<String, Object>> delete(@AuthenticationPrincipal SignedIn me, @PathVariable long accountId,
                                               @RequestBody(required = false) DeletionRequest request) {
        requireSelf(me, accountId, "deletion");
        var purgeAt = accounts.requestDeletion(accountId, request == null ? null : request.password(), retention.accountGrace());
        audit.record(AuditLog.Kind.ACCOUNT_DELETION_REQUESTED, accountId, null, accountId, "by the account holder over the API");
        return ResponseEntity.accepted().body(Map.of("purgeAt", purgeAt.toString()));
    }

    private void requireSelf(SignedIn me, long accountId, String what) {
        if (me.accountId() != accountId) {
            audit.record(AuditLog.Kind.REFUSED, accountId, null, me.accountId(), what + " requested for another account");
            throw new InvalidInputException("accountId", "you can only ask for your own account's " + what, 403);
        }
    }
}
