package org.neuromix.app.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import org.neuromix.app.session.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The db-scheduler tasks. "mix-session": one execution per session revision; an unexpected error
 * is retried with a doubling delay up to {@code neuromix.pipeline.max-attempts}, then the session
 * fails with the reason shown to the user. A node that dies mid-job stops heartbeating; another
 * node (or the restarted one) picks the job up again and {@link MixStages} resumes from the last
 * saved stage. Retention runs as its own task (see the privacy package).
 */
@Configuration(proxyBeanMethods = false)
class MixPipeline {
    private static final Logger log = LoggerFactory.getLogger(MixPipeline.class);

    @Bean
    OneTimeTask<String> mixSessionTask(MixStages stages, PipelineSettings settings, Sessions sessions, Clock clock) {
        return Tasks.oneTime(MixJobs.MIX)
                .onFailure(new RetryThenFail(stages, settings, sessions, clock))
                .execute((instance, context) -> {
                    String[] parts = instance.getData().split("/");
                    try {
                        stages.run(parts[0], Integer.parseInt(parts[1]), context.getExecution().consecutiveFailures);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private record RetryThenFail(MixStages stages, PipelineSettings settings, Sessions sessions, Clock clock)
            implements FailureHandler<String> {
        @Override
        public void onFailure(ExecutionComplete complete, ExecutionOperations<String> operations) {
            String[] parts = String.valueOf(complete.getExecution().taskInstance.getData()).split("/");
            String sessionId = parts[0];
            int revision = Integer.parseInt(parts[1]);
            int failures = complete.getExecution().consecutiveFailures + 1;
            String cause = complete.getCause().map(t -> t.getClass().getSimpleName() + ": " + t.getMessage()).orElse("unknown");
            log.warn("session {} revision {}: attempt {} failed: {}", sessionId, revision, failures, cause,
                    complete.getCause().orElse(null));
            if (failures >= settings.maxAttempts()) {
                // The detail (class names, server paths) goes to the log, not to the user.
                stages.failForGood(sessionId, revision, "processing failed " + failures
                        + " times because of an internal error; it has been logged for the operator");
                operations.stop();
            } else {
                sessions.markRetrying(sessionId, "attempt " + failures + " failed; retrying");
                Duration delay = settings.retryDelay().multipliedBy(1L << Math.min(failures - 1, 10));
                operations.reschedule(complete, clock.instant().plus(delay));
            }
        }
    }
}
