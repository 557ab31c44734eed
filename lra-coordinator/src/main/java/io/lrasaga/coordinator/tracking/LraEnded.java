package io.lrasaga.coordinator.tracking;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An LRA reached an end state: Closed, Cancelled, FailedToClose or FailedToCancel; or
 * {@code Unknown} when it disappeared while Active before its time limit (which Narayana
 * only does when another copy of it ended). {@code inferred} is true when the coordinator
 * did not see the end itself but concluded it from the store (a recovery pass finished it:
 * a Closing LRA whose log is gone was Closed, a Cancelling one Cancelled).
 */
// Native images: the history files are written and read with an ObjectMapper directly.
@RegisterForReflection(targets = { LraEnded.class, ParticipantView.class, Transition.class })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LraEnded(
        String uid,
        URI lraId,
        URI parentId,
        String clientId,
        boolean topLevel,
        String status,
        boolean inferred,
        Instant startTime,
        Instant endTime,
        List<ParticipantView> participants,
        List<Transition> transitions) {

    public Duration duration() {
        return startTime == null || endTime == null ? Duration.ZERO : Duration.between(startTime, endTime);
    }

    public boolean failed() {
        return status.startsWith("FailedTo");
    }
}
