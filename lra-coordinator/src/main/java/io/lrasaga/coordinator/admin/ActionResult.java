package io.lrasaga.coordinator.admin;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What an operator action left behind: the LRA's status afterwards; for a retry of a failed
 * LRA, also what each participant answered.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionResult(String uid, String action, String status,
        List<FailedLraRetry.ParticipantOutcome> participants) {

    public ActionResult(String uid, String action, String status) {
        this(uid, action, status, null);
    }
}
