package org.neuromix.app.privacy;

import java.time.Instant;
import java.util.Optional;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.SchedulerClient;

import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** When the retention sweep last finished, as db-scheduler records it (for the admin page). */
@Component
public class RetentionSchedule {
    static final String TASK = "retention-sweep";
    private final SchedulerClient scheduler;

    RetentionSchedule(@Lazy SchedulerClient scheduler) {
        this.scheduler = scheduler;
    }

    public Optional<Instant> lastSweep() {
        return scheduler.getScheduledExecutionsForTask(TASK).stream().map(ScheduledExecution::getLastSuccess)
                .filter(java.util.Objects::nonNull).max(Instant::compareTo);
    }
}
