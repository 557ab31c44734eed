package io.lrasaga.coordinator.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the coordinator holds now and what ended lately, in counts, plus the LRAs that need an
 * operator. {@code running} counts every status an LRA can be held in (zeros included);
 * {@code recent} counts history outcomes that ended within {@code recentWindowSeconds}.
 */
public record StatusSummary(
        Instant at,
        String user,
        boolean operator,
        Map<String, Integer> running,
        Map<String, Integer> recent,
        long recentWindowSeconds,
        long stuckAfterSeconds,
        long refreshSeconds,
        List<StuckLra> stuck) {

    /** One LRA that needs an operator; {@code since} is when it entered its status, when known. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StuckLra(String uid, String clientId, String status, Instant since, String reason) {
    }
}
