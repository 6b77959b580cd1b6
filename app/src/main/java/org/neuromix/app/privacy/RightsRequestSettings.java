package org.neuromix.app.privacy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code neuromix.rights-requests.*}: requests to exercise data-protection rights.
 *
 * @param answerWithin how long after a request is received it must be answered (GDPR Art. 12(3): one month);
 *                     the deadline is fixed when the request arrives
 */
@ConfigurationProperties("neuromix.rights-requests")
public record RightsRequestSettings(@DefaultValue("P30D") Duration answerWithin) {
    public RightsRequestSettings {
        if (answerWithin.isNegative() || answerWithin.isZero()) {
            throw new IllegalArgumentException("neuromix.rights-requests.answer-within must be positive");
        }
    }
}
