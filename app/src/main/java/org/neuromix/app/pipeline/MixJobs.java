package org.neuromix.app.pipeline;

import java.time.Clock;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;

import org.neuromix.app.session.RevisionQueue;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Puts a session's revision on the db-scheduler queue (in the same database, so any node may
 * run it). The instance id is "session/revision": scheduling the same revision twice is a no-op.
 */
@Component
public class MixJobs implements RevisionQueue {
    static final TaskDescriptor<String> MIX = TaskDescriptor.of("mix-session", String.class);

    private final SchedulerClient scheduler;
    private final Clock clock;

    MixJobs(@Lazy SchedulerClient scheduler, Clock clock) {
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public void enqueue(String sessionId, int revision) {
        String instance = sessionId + "/" + revision;
        scheduler.scheduleIfNotExists(MIX.instance(instance).data(instance).scheduledTo(clock.instant()));
    }

    @Override
    public void cancel(String sessionId, int revisions) {
        for (int n = 1; n <= revisions; n++) {
            try {
                scheduler.cancel(MIX.instanceId(sessionId + "/" + n));
            } catch (RuntimeException notScheduled) {
                // already done or running
            }
        }
    }
}
