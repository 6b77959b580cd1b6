package org.neuromix.app.account;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Publishes the configured policy version once: the first node to start with a new version
 * records it, and when it is material and replaces an earlier one, emails everyone who has not
 * accepted it (they also see a notice until they do).
 */
@Component
class PolicyPublisher {
    private static final Logger log = LoggerFactory.getLogger(PolicyPublisher.class);

    private final PolicySettings policy;
    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final Mailer mailer;
    private final AccountSettings settings;
    private final Clock clock;

    PolicyPublisher(PolicySettings policy, JdbcClient jdbc, Accounts accounts, Mailer mailer, AccountSettings settings, Clock clock) {
        this.policy = policy;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.mailer = mailer;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void publish() {
        int earlier = jdbc.sql("select count(*) from policy_versions").query(Integer.class).single();
        try {
            jdbc.sql("insert into policy_versions (version, last_updated, material, published_at) values (?, ?, ?, ?)")
                    .params(policy.version(), Date.valueOf(policy.lastUpdated()), policy.material(), Timestamp.from(clock.instant()))
                    .update();
        } catch (DuplicateKeyException alreadyPublished) {
            return;
        }
        if (earlier == 0 || !policy.material()) {
            return;
        }
        int notified = 0;
        for (Account account : accounts.notOnPolicy(policy.version())) {
            mailer.send(account.id(), account.email(), "NeuroMix's privacy policy is changing",
                    "Hello " + account.name() + ",\n\nwe have updated our privacy policy (version " + policy.version()
                            + ", last updated " + policy.lastUpdated() + "). Read it at " + settings.baseUrl()
                            + "/privacy ; you will be asked to accept it when you next sign in.\n", "policy-change");
            notified++;
        }
        log.info("published privacy policy {}; notified {} accounts", policy.version(), notified);
    }
}
