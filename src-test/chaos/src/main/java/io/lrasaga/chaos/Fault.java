package io.lrasaga.chaos;

import java.time.Duration;

/** One planned crash: kill {@code target} at {@code at} after the load began, restart it {@code down} later. */
public record Fault(Target target, Duration at, Duration down) {

    @Override
    public String toString() {
        return String.format("%s at %.1fs, down %.1fs", target.id(), at.toMillis() / 1000.0, down.toMillis() / 1000.0);
    }
}
