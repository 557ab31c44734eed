package io.lrasaga.coordinator.admin;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.microprofile.lra.annotation.LRAStatus;

import io.lrasaga.coordinator.store.LraIds;

/** Parses and checks the admin API's parameters; a bad one is a 400 problem naming it. */
public final class AdminQueries {

    private AdminQueries() {
    }

    public static Optional<LRAStatus> status(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        for (LRAStatus status : LRAStatus.values()) {
            if (status.name().equalsIgnoreCase(value.strip())) {
                return Optional.of(status);
            }
        }
        throw AdminProblem.invalidParameter("status", "must be one of " + Arrays.stream(LRAStatus.values())
                .map(Enum::name).collect(Collectors.joining(", ")) + ", was '" + value + "'");
    }

    public static Optional<Duration> olderThan(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            Duration duration = Duration.parse(value.strip());
            if (duration.isNegative()) {
                throw AdminProblem.invalidParameter("olderThan", "must not be negative");
            }
            return Optional.of(duration);
        } catch (DateTimeParseException e) {
            throw AdminProblem.invalidParameter("olderThan",
                    "must be an ISO-8601 duration such as PT10M or P1D, was '" + value + "'");
        }
    }

    public static String uid(String id) {
        return LraIds.uid(id).orElseThrow(() -> AdminProblem.invalidParameter("id",
                "must be an LRA uid or an LRA URL (URL-encoded), was '" + id + "'"));
    }

    public static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static final List<String> OUTCOMES = List.of("Closed", "Cancelled", "FailedToClose", "FailedToCancel",
            "Unknown");

    /** An outcome of the history: an end status, or Unknown. */
    public static Optional<String> outcome(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(OUTCOMES.stream().filter(o -> o.equalsIgnoreCase(value.strip())).findFirst()
                .orElseThrow(() -> invalidParameter("status", "must be one of " + String.join(", ", OUTCOMES)
                        + ", was '" + value + "'")));
    }

    public static <T> Page<T> page(List<T> all, String page, String size) {
        return Page.of(all, PageRequest.of(page, size));
    }

    private static AdminProblem invalidParameter(String name, String message) {
        return AdminProblem.invalidParameter(name, message);
    }
}
