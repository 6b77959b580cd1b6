package org.neuromix.app.pipeline;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.neuromix.app.session.MixSession;
import org.neuromix.app.session.Sessions;
import org.springframework.stereotype.Component;

/** Gauges of the job queue for Prometheus: sessions queued, running and failed. */
@Component
class PipelineMetrics {
    PipelineMetrics(MeterRegistry registry, Sessions sessions) {
        for (MixSession.Status status : new MixSession.Status[] {MixSession.Status.QUEUED, MixSession.Status.RUNNING,
                MixSession.Status.FAILED}) {
            Gauge.builder("neuromix.jobs", sessions, s -> s.countByStatus(status))
                    .tag("state", status.apiName())
                    .description("mixing sessions by state")
                    .register(registry);
        }
    }
}
