package io.lrasaga.participant;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.net.URI;
import java.util.Optional;

import io.lrasaga.problem.ProblemException;
import io.lrasaga.problem.ProblemType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;

/** What a participant's callbacks answer the coordinator, the same way in every service. */
public final class ParticipantAnswers {

    private ParticipantAnswers() {
    }

    /** The coordinator always sends the LRA header; a hand-made call without it is refused (412). */
    public static String requireLra(URI lraId) {
        if (lraId == null) {
            throw missingLra();
        }
        return lraId.toASCIIString();
    }

    /** 412 lra-required: a participant endpoint was called without the LRA header. */
    public static ProblemException missingLra() {
        return new ProblemException(ProblemType.LRA_REQUIRED, "the " + LRA_HTTP_CONTEXT_HEADER + " header is missing");
    }

    /**
     * The answer to a complete or compensate call. A participant that could not finish answers
     * 500 with its status as the body: that is what makes the coordinator record the LRA
     * FailedToClose/FailedToCancel (a 200 would count as done, whatever the body says).
     */
    public static Response answer(ParticipantStatus status) {
        return answer(status, Optional.empty());
    }

    /** The same, with why a failure happened ({@link FailureReasonHeader}) for the operator. */
    public static Response answer(ParticipantStatus status, Optional<String> failureReason) {
        if (failed(status)) {
            return withReason(Response.serverError().entity(status.name()), failureReason);
        }
        return Response.ok(status.name()).build();
    }

    /** The answer to a status call; spec: a participant that does not know the LRA answers 410 Gone. */
    public static Response status(Optional<ParticipantStatus> status) {
        return status(status, Optional.empty());
    }

    /**
     * The same; a failed status carries its reason in {@link FailureReasonHeader}, the body stays
     * the bare status name that the coordinator parses.
     */
    public static Response status(Optional<ParticipantStatus> status, Optional<String> failureReason) {
        return status.map(s -> failed(s) ? withReason(Response.ok(s.name()), failureReason) : Response.ok(s.name()).build())
                .orElseGet(() -> Response.status(Response.Status.GONE).build());
    }

    public static boolean failed(ParticipantStatus status) {
        return status == ParticipantStatus.FailedToCompensate || status == ParticipantStatus.FailedToComplete;
    }

    private static Response withReason(Response.ResponseBuilder response, Optional<String> failureReason) {
        failureReason.filter(r -> !r.isBlank())
                .ifPresent(r -> response.header(FailureReasonHeader.NAME, FailureReasonHeader.encode(r)));
        return response.build();
    }
}
