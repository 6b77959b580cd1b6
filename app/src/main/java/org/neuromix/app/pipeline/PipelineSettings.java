package org.neuromix.app.pipeline;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code neuromix.pipeline.*}.
 *
 * @param concurrentRenders sessions processed at once on this node (0 = the number of cores)
 * @param maxAttempts       tries before a session ends as failed
 * @param retryDelay        pause before the first retry (doubled each time)
 */
@ConfigurationProperties("neuromix.pipeline")
public record PipelineSettings(
        @DefaultValue("0") int concurrentRenders,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("PT10S") Duration retryDelay) {
    public PipelineSettings {
        if (concurrentRenders < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("neuromix.pipeline.concurrent-renders must be >= 0 and max-attempts >= 1");
        }
    }

    public int renders() {
        return concurrentRenders > 0 ? concurrentRenders : Runtime.getRuntime().availableProcessors();
    }
}
