package io.lrasaga.coordinator.recovery;

import java.lang.reflect.Field;
import java.util.EnumSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.jboss.logging.Logger;

import io.lrasaga.coordinator.store.LraStore;
import io.lrasaga.coordinator.store.ParticipantRecords;
import io.narayana.lra.coordinator.domain.model.LRAParticipantRecord;
import io.narayana.lra.coordinator.domain.model.LongRunningAction;

/**
 * Makes recovery send a complete/compensate again when the first one was lost.
 *
 * <p>Narayana 1.0.0 treats a failed complete/compensate call (the participant died while
 * answering, the connection broke) as if the participant had answered 202 Accepted: from
 * then on, recovery only asks the participant's status. A participant that never carried out
 * the call truthfully answers {@code Active}, and Narayana keeps asking forever: the LRA stays
 * Closing or Cancelling until the coordinator restarts (a restart reloads the record as not
 * accepted and sends the call again). This does after each recovery pass what a restart would
 * do, only for those records: a participant of a Closing/Cancelling LRA that reported
 * {@code Active} is marked not accepted, so the next pass sends the call again. Participants'
 * complete and compensate are idempotent by the specification, so a repeat is safe.
 */
@ApplicationScoped
public class LostCallbacks {

    private static final Logger LOG = Logger.getLogger(LostCallbacks.class);
    private static final Set<LRAStatus> ENDING = EnumSet.of(LRAStatus.Closing, LRAStatus.Cancelling);
    private static final Field ACCEPTED;

    static {
        try {
            ACCEPTED = LRAParticipantRecord.class.getDeclaredField("accepted");
            ACCEPTED.setAccessible(true);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Narayana's LRAParticipantRecord has no 'accepted' field; the coordinator "
                    + "jar version is not the one this code was written for", e);
        }
    }

    @Inject
    LraStore store;

    /** Returns how many participants will be called again by the next pass. */
    public int rearm() {
        int rearmed = 0;
        for (LongRunningAction lra : store.inMemory().values()) {
            LRAStatus status = lra.getLRAStatus();
            if (!ENDING.contains(status)) {
                continue;
            }
            for (ParticipantRecords.OnList onList : ParticipantRecords.of(lra)) {
                LRAParticipantRecord record = onList.record();
                if (record.getStatus() == ParticipantStatus.Active && accepted(record)) {
                    setAccepted(record, false);
                    rearmed++;
                    LOG.infof("participant %s of %s LRA %s reports Active: its %s call was lost; it will be sent again",
                            record.getParticipantURI(), status, lra.getId(),
                            status == LRAStatus.Closing ? "complete" : "compensate");
                }
            }
        }
        return rearmed;
    }

    private static boolean accepted(LRAParticipantRecord record) {
        try {
            return ACCEPTED.getBoolean(record);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setAccepted(LRAParticipantRecord record, boolean accepted) {
        try {
            ACCEPTED.setBoolean(record, accepted);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
