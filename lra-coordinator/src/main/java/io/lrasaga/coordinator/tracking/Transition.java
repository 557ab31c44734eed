package io.lrasaga.coordinator.tracking;

import java.time.Instant;

/** A status and when the coordinator first saw it (start and end times are Narayana's own). */
public record Transition(String status, Instant at) {
}
