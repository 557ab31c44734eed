package io.lrasaga.coordinator.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class FailureReasonTest {

    @Test
    void theReasonAParticipantGivesIsDecodedWithPlusAndPercentIntact() {
        assertEquals(TestParticipant.REASON,
                FailureReason.fromStatusAnswer(200, "FailedToCompensate", Optional.of(TestParticipant.REASON_ENCODED)));
    }

    @Test
    void withoutAReasonTheOperatorIsToldWhatTheParticipantDidAnswer() {
        assertEquals("the participant reports FailedToComplete without a reason",
                FailureReason.fromStatusAnswer(200, "FailedToComplete\n", Optional.empty()));
        assertEquals("the participant reports FailedToComplete without a reason",
                FailureReason.fromStatusAnswer(200, "FailedToComplete", Optional.of("  ")));
        assertEquals("the participant's status URL answered HTTP 404",
                FailureReason.fromStatusAnswer(404, "", Optional.empty()));
        assertEquals("the participant no longer knows this LRA (410 Gone): it has ended or forgotten it",
                FailureReason.fromStatusAnswer(410, null, Optional.empty()));
    }

    @Test
    void aMalformedEncodingIsShownAsSent() {
        assertEquals("100%", FailureReason.fromStatusAnswer(200, "FailedToCompensate", Optional.of("100%")));
    }

    @Test
    void aLongBodyIsShortened() {
        String reason = FailureReason.fromStatusAnswer(200, "x".repeat(300), Optional.empty());
        assertEquals("the participant reports " + "x".repeat(99) + "… without a reason", reason);
    }
}
