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

    public static Response answer(ParticipantStatus status) {
        return Response.ok(status.name()).build();
    }

    /** Spec: a participant that does not know the LRA answers 410 Gone. */
    public static Response status(Optional<ParticipantStatus> status) {
        return status.map(ParticipantAnswers::answer).orElseGet(() -> Response.status(Response.Status.GONE).build());
    }
}
