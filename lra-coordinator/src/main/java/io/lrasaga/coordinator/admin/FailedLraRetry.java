package io.lrasaga.coordinator.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.enterprise.context.ApplicationScoped;
import io.lrasaga.coordinator.outbound.ParticipantHttp;
import jakarta.inject.Inject;

import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

import io.lrasaga.coordinator.store.LraStore;
import io.lrasaga.coordinator.store.ParticipantRecords;
import io.lrasaga.coordinator.tracking.LraTracker;
import io.lrasaga.coordinator.tracking.ParticipantLinks;
import io.narayana.lra.coordinator.domain.model.LRAParticipantRecord;
import io.narayana.lra.coordinator.domain.model.LongRunningAction;

/**
 * Retries a FailedToClose/FailedToCancel LRA after an operator repaired what made it fail.
 *
 * <p>Narayana 1.0.0 keeps a failed LRA as a final record and never calls its participants
 * again. This calls the complete (FailedToClose) or compensate (FailedToCancel) endpoint of
 * every participant that had not finished, with the same headers Narayana sends; when every
 * one answers that it has finished, the failed record is removed and the LRA is recorded in
 * the history with the outcome it should have had. Otherwise the record stays, and the answer
 * says which participants still fail. The same finishes a Closing/Cancelling LRA that Narayana's
 * recovery no longer drives ({@code recovery.StalledEnds}).
 */
@ApplicationScoped
public class FailedLraRetry {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    /** One participant's answer to the retried call; {@code reason}: why it still fails, if it says. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ParticipantOutcome(String participant, URI called, int httpStatus, String answer, boolean finished,
            String reason) {

        ParticipantOutcome(String participant, URI called, int httpStatus, String answer) {
            this(participant, called, httpStatus, answer, false, null);
        }
    }

    public record Result(String uid, String action, String status, List<ParticipantOutcome> participants) {
    }

    @Inject
    ParticipantHttp http;

    @Inject
    LraStore store;

    @Inject
    LraTracker tracker;

    public Result retry(String uid, LongRunningAction failed) {
        LRAStatus status = failed.getLRAStatus();
        boolean close = status == LRAStatus.FailedToClose || status == LRAStatus.Closing;
        List<ParticipantOutcome> outcomes = new ArrayList<>();
        for (ParticipantRecords.OnList onList : ParticipantRecords.of(failed)) {
            LRAParticipantRecord record = onList.record();
            if (record.getStatus() == (close ? ParticipantStatus.Completed : ParticipantStatus.Compensated)) {
                continue;
            }
            outcomes.add(call(failed, record, close));
        }
        boolean allFinished = outcomes.stream().allMatch(ParticipantOutcome::finished);
        if (!allFinished) {
            return new Result(uid, "retry", failed.getLRAStatus().name(), outcomes);
        }
        String ended = close ? LRAStatus.Closed.name() : LRAStatus.Cancelled.name();
        tracker.retriedToEnd(uid, failed, ended, close ? ParticipantStatus.Completed.name()
                : ParticipantStatus.Compensated.name());
        store.forget(uid);
        tracker.forget(uid);
        return new Result(uid, "retry", ended, outcomes);
    }

    private ParticipantOutcome call(LongRunningAction lra, LRAParticipantRecord record, boolean close) {
        String rel = close ? "complete" : "compensate";
        URI endpoint = ParticipantLinks.parse(record.getParticipantURI()).get(rel);
        if (endpoint == null) {
            return new ParticipantOutcome(record.getParticipantURI(), null, 0, "no " + rel + " URL registered");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(CALL_TIMEOUT)
                .header(LRA.LRA_HTTP_CONTEXT_HEADER, lra.getId().toASCIIString())
                .PUT(HttpRequest.BodyPublishers.ofString(""));
        if (record.getRecoveryURI() != null) {
            request.header(LRA.LRA_HTTP_RECOVERY_HEADER, record.getRecoveryURI().toASCIIString());
        }
        if (lra.getParentId() != null) {
            request.header(LRA.LRA_HTTP_PARENT_CONTEXT_HEADER, lra.getParentId().toASCIIString());
        }
        try {
            HttpResponse<String> response = http.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body() == null ? "" : response.body().strip();
            String done = close ? ParticipantStatus.Completed.name() : ParticipantStatus.Compensated.name();
            // 200/204 without a failure in the body, or 410: the participant has finished (spec 3.2.10)
            boolean finished = response.statusCode() == 410
                    || (response.statusCode() / 100 == 2 && response.statusCode() != 202
                            && (body.isEmpty() || body.equals(done)));
            return new ParticipantOutcome(record.getParticipantURI(), endpoint, response.statusCode(), body, finished,
                    finished ? null : FailureReason.given(response).orElse(null));
        } catch (IOException e) {
            return new ParticipantOutcome(record.getParticipantURI(), endpoint, 0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ParticipantOutcome(record.getParticipantURI(), endpoint, 0, "interrupted");
        }
    }
}
