package io.lrasaga.coordinator.history;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** One ended LRA in the history list; the full record stays on disk at {@code segment:offset}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEntry(
        String uid,
        URI lraId,
        String clientId,
        String status,
        boolean topLevel,
        Instant startTime,
        Instant endTime,
        int participants,
        @JsonIgnore Path segment,
        @JsonIgnore long offset,
        @JsonIgnore int length) {
}
