package org.neuromix.app.privacy;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * "retention-sweep": a recurring db-scheduler task, so that with several nodes on one database
 * exactly one runs it at a time, every {@code neuromix.retention.sweep-interval}.
 */
@Configuration(proxyBeanMethods = false)
class RetentionTask {
    private static final Logger log = LoggerFactory.getLogger(RetentionTask.class);

    @Bean
    RecurringTask<Void> retentionSweep(RetentionSettings settings, Retention retention) {
        return Tasks.recurring(RetentionSchedule.TASK, FixedDelay.of(settings.sweepInterval()))
                .execute((instance, context) -> {
                    var done = retention.sweep();
                    if (done.values().stream().anyMatch(n -> n > 0)) {
                        log.info("retention sweep: {}", done);
                    }
                });
    }
}
