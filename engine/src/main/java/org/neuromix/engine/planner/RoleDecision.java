package org.neuromix.engine.planner;

import org.neuromix.engine.analysis.Role;

/** The role chosen for a stem, how sure the planner is, and where the decision came from. */
public record RoleDecision(Role role, double confidence, String source) {
}
