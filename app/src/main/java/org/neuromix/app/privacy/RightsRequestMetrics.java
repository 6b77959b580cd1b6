package org.neuromix.app.privacy;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Gauges for Prometheus: {@code neuromix_rights_requests{state="open"}} (verified, not answered)
 * and {@code {state="overdue"}} (of those, past their deadline), so that an alert can fire.
 */
@Component
class RightsRequestMetrics {
    RightsRequestMetrics(MeterRegistry registry, RightsRequests requests) {
        Gauge.builder("neuromix.rights.requests", requests, RightsRequests::countOpen).tag("state", "open")
                .description("data-protection rights requests awaiting an answer").register(registry);
        Gauge.builder("neuromix.rights.requests", requests, RightsRequests::countOverdue).tag("state", "overdue")
                .description("data-protection rights requests past their deadline").register(registry);
    }
}
