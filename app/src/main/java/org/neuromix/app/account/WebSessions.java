package org.neuromix.app.account;

import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * The signed-in browser sessions of an account, wherever they were made: they live in the
 * database (Spring Session), indexed by the principal name {@link SignedIn#getName()}. Ending
 * them signs the person out on every device at once (after a password change or reset, a
 * deletion, a guardian's deletion).
 */
@Component
public class WebSessions {
    private final ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> repository;

    /** Command-line processes (neuromix admin) start no web layer, so they have no session repository. */
    WebSessions(ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> repository) {
        this.repository = repository;
    }

    /** Ends every browser session of the account but {@code keepSessionId} (null: all); returns how many. */
    public int endAll(long accountId, String keepSessionId) {
        FindByIndexNameSessionRepository<? extends Session> sessions = repository.getIfAvailable();
        if (sessions == null) {
            return 0;
        }
        Map<String, ? extends Session> found = sessions.findByPrincipalName(SignedIn.principalName(accountId));
        int ended = 0;
        for (String id : found.keySet()) {
            if (!id.equals(keepSessionId)) {
                sessions.deleteById(id);
                ended++;
            }
        }
        return ended;
    }
}
