package org.neuromix.app.session;

import java.time.Instant;

/** One mixing session: what the dashboard lists and the status API reports. */
public record MixSession(String id, long ownerId, String name, Status status, String stage, int progressPercent, String error,
                         String optionsJson, Instant createdAt, Instant startedAt, Instant completedAt,
                         Instant outputExpiresAt, Instant outputDeletedAt, Instant originalsDeletedAt, int attempts,
                         Double integratedLufs, Double truePeakDbtp, Double loudnessRangeLu, int currentRevision) {

    public enum Status {
        DRAFT, QUEUED, RUNNING, COMPLETED, FAILED;

        public String apiName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean outputAvailable() {
        return completedAt != null && outputDeletedAt == null;
    }
}
