package io.lrasaga.coordinator.tracking;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One participant of an LRA as operators see it: what it registered, where the coordinator
 * keeps it ({@code list}: pending, prepared, heuristic, failed, readonly) and its status; for a
 * failed one the admin API adds why, as the participant reports it ({@code reason}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParticipantView(
        String participant,
        URI compensate,
        URI complete,
        URI status,
        URI forget,
        URI after,
        URI recoveryUrl,
        String state,
        String list,
        List<Transition> transitions,
        String reason) {

    public ParticipantView withReason(String why) {
        return new ParticipantView(participant, compensate, complete, status, forget, after, recoveryUrl, state, list,
                transitions, why);
    }
}
