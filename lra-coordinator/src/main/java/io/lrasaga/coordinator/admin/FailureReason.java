package io.lrasaga.coordinator.admin;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Why a participant failed, read from its answer. Participants built on lra-saga's runtime send
 * it in the {@value #HEADER} header of their status (and complete/compensate) answers, next to
 * the bare status the LRA protocol requires, percent-encoded as UTF-8; other participants say
 * nothing, and the operator is told what they did answer instead.
 */
public final class FailureReason {

    public static final String HEADER = "Lra-Saga-Failure-Reason";

    /** What the admin API shows for a participant whose status URL gave no answer in time. */
    public static final String UNREACHABLE = "participant unreachable";

    private FailureReason() {
    }

    /** The reason a participant gave in its answer, decoded; empty without one. */
    public static Optional<String> given(HttpResponse<?> response) {
        return response.headers().firstValue(HEADER).map(FailureReason::decode).filter(r -> !r.isBlank());
    }

    /** The reason to show for a failed participant, from its status answer. */
    public static String fromStatusAnswer(int httpStatus, String body, Optional<String> header) {
        Optional<String> given = header.map(FailureReason::decode).filter(r -> !r.isBlank());
        if (given.isPresent()) {
            return given.get();
        }
        String status = body == null ? "" : body.strip();
        if (httpStatus == 410) {
            return "the participant no longer knows this LRA (410 Gone): it has ended or forgotten it";
        }
        if (httpStatus == 200 && !status.isEmpty()) {
            return "the participant reports " + shorten(status) + " without a reason";
        }
        return "the participant's status URL answered HTTP " + httpStatus;
    }

    // '+' is a plus here, not a space: the encoding is percent-only.
    static String decode(String header) {
        try {
            return URLDecoder.decode(header.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return header;
        }
    }

    private static String shorten(String text) {
        return text.length() <= 100 ? text : text.substring(0, 99) + "…";
    }
}
