package org.neuromix.app.pipeline;

import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A web node queues jobs but runs none: it gets a db-scheduler client on the shared table instead
 * of a scheduler (which {@code db-scheduler.enabled=false} turns off; {@code neuromix serve --role web}
 * sets both). The workers poll the table and pick the jobs up.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "neuromix.node.role", havingValue = "web")
class WebNodeScheduler {
    @Bean
    SchedulerClient schedulerClient(DataSource dataSource, List<Task<?>> tasks,
                                    org.springframework.core.env.Environment environment) {
        if (environment.getProperty("db-scheduler.enabled", Boolean.class, true)) {
            throw new IllegalStateException("a web node runs no jobs: set db-scheduler.enabled=false with"
                    + " neuromix.node.role=web (neuromix serve --role web does)");
        }
        return SchedulerClient.Builder.create(dataSource, tasks).build();
    }
}
