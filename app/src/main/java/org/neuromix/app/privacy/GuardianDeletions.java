package org.neuromix.app.privacy;

import org.neuromix.app.account.Account;
import org.neuromix.app.account.Accounts;
import org.neuromix.app.system.InvalidInputException;
import org.neuromix.app.system.Names;
import org.neuromix.app.system.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * A parent's or guardian's request to delete a child's account: an administrator deletes the
 * account and everything of it at once — no grace period, no restore link, no email to the
 * account (its address would stay in the email log). The reason is audited with the
 * administrator's id, after the purge's own record.
 */
@Service
public class GuardianDeletions {
    public static final int MIN_REASON_LENGTH = 10;
    public static final int MAX_REASON_LENGTH = 500;

    private final Accounts accounts;
    private final Retention retention;
    private final AuditLog audit;

    GuardianDeletions(Accounts accounts, Retention retention, AuditLog audit) {
        this.accounts = accounts;
        this.retention = retention;
        this.audit = audit;
    }

    /**
     * @param confirmEmail the account's address typed again, so that a mistyped id deletes nothing
     * @param reason       why (kept in the audit log: say which request, never a name)
     */
    public void deleteNow(long accountId, String confirmEmail, String reason, long adminId) {
        Account account = accounts.byId(accountId).orElseThrow(() -> new NotFoundException("account"));
        String why = Names.paragraphs("reason", "the reason", reason, MAX_REASON_LENGTH, true);
        if (why.length() < MIN_REASON_LENGTH) {
            throw new InvalidInputException("reason", "give the reason in at least " + MIN_REASON_LENGTH
                    + " characters (for example the rights request's number)");
        }
        if (confirmEmail == null || !account.email().equalsIgnoreCase(confirmEmail.trim())) {
            throw new InvalidInputException("confirmEmail", "type the account's email address to confirm the deletion");
        }
        if (accountId == adminId) {
            throw new InvalidInputException("accountId", "you cannot delete your own account this way");
        }
        if (!retention.purgeAccount(accountId)) {
            throw new IllegalStateException("the files of account " + accountId + " could not be deleted; nothing else was"
                    + " removed, try again");
        }
        audit.record(AuditLog.Kind.GUARDIAN_DELETION, accountId, null, adminId, "deleted at once at a parent's or guardian's"
                + " request: " + why.replace('\n', ' '));
    }
}
