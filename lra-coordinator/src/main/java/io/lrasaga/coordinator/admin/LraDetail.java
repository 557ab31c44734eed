package io.lrasaga.coordinator.admin;

import java.util.List;

import io.lrasaga.coordinator.tracking.ParticipantView;
import io.lrasaga.coordinator.tracking.Transition;

/**
 * One LRA with its participants. {@code transitions} are the statuses the coordinator saw,
 * with when it first saw each (exact for changes made through its endpoints, within the poll
 * interval otherwise; empty for failed LRAs read back from the store).
 */
public record LraDetail(LraSummary lra, List<ParticipantView> participants, List<Transition> transitions) {
}
