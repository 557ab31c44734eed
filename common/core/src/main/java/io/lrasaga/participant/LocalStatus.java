package io.lrasaga.participant;

import java.util.Collection;
import java.util.Optional;

import org.eclipse.microprofile.lra.annotation.ParticipantStatus;

/** Where a participant's local work for one LRA stands: done, kept, or undone. */
public enum LocalStatus {
    ACTIVE(ParticipantStatus.Active),
    COMPLETED(ParticipantStatus.Completed),
    COMPENSATED(ParticipantStatus.Compensated);

    private final ParticipantStatus protocolStatus;

    LocalStatus(ParticipantStatus protocolStatus) {
        this.protocolStatus = protocolStatus;
    }

    public ParticipantStatus protocolStatus() {
        return protocolStatus;
    }

    /**
     * The status of all the work done under one LRA: Active while any part is, Compensated if
     * any part was undone, else Completed; empty when nothing was done under it.
     */
    public static Optional<ParticipantStatus> summarize(Collection<LocalStatus> parts) {
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        if (parts.contains(ACTIVE)) {
            return Optional.of(ParticipantStatus.Active);
        }
        return Optional.of(parts.contains(COMPENSATED) ? ParticipantStatus.Compensated : ParticipantStatus.Completed);
    }
}
