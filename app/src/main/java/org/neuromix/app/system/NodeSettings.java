package org.neuromix.app.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code neuromix.node.role}: what this process does in a cluster. {@code all} (one machine: pages,
 * API and jobs), {@code web} (pages and API, stateless: jobs are only queued, for the workers) or
 * {@code worker} (jobs only; its HTTP port answers health and metrics and nothing else).
 */
@ConfigurationProperties("neuromix.node")
public record NodeSettings(@DefaultValue("all") Role role) {
    public enum Role {
        ALL, WEB, WORKER
    }

    public boolean servesPages() {
        return role != Role.WORKER;
    }

    public boolean runsJobs() {
        return role != Role.WEB;
    }
}
