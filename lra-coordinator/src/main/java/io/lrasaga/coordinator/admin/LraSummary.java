package io.lrasaga.coordinator.admin;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.lrasaga.coordinator.store.LraIds;
import io.narayana.lra.LRAData;

/**
 * One LRA in a list. {@code timeLimit} is the instant an Active LRA is cancelled at (absent
 * without a limit); {@code finishTime} is when an ended LRA ended. {@code failures}: in a list
 * filtered by a FailedTo* status, its failed participants and why each failed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LraSummary(
        String uid,
        URI lraId,
        String clientId,
        String status,
        Instant startTime,
        Instant timeLimit,
        Instant finishTime,
        boolean topLevel,
        boolean recovering,
        int participants,
        List<ParticipantFailure> failures) {

    /** A participant that failed, and why (as it reports it, or that it could not be asked). */
    public record ParticipantFailure(String participant, String state, String reason) {
    }

    LraSummary withFailures(List<ParticipantFailure> found) {
        return new LraSummary(uid, lraId, clientId, status, startTime, timeLimit, finishTime, topLevel, recovering,
                participants, found);
    }

    static LraSummary of(LRAData data, int participants) {
        Instant start = data.getStartTime() > 0 ? Instant.ofEpochMilli(data.getStartTime()) : null;
        Instant finish = data.getFinishTime() > 0 ? Instant.ofEpochMilli(data.getFinishTime()) : null;
        String status = data.getStatus() == null ? "Active" : data.getStatus().name();
        boolean ended = status.equals("Closed") || status.equals("Cancelled") || status.startsWith("FailedTo");
        return new LraSummary(LraIds.uidOf(data.getLraId()), data.getLraId(),
                data.getClientId(), status, start, ended ? null : finish, ended ? finish : null, data.isTopLevel(),
                data.isRecovering(), participants, null);
    }
}
