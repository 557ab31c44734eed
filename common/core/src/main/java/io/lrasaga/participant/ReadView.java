package io.lrasaga.participant;

import java.util.Locale;

import io.lrasaga.problem.Problem;
import io.lrasaga.problem.ProblemException;

/**
 * Which state a read shows: {@code current} (default: everything written so far, including
 * provisional writes of sagas in flight) or {@code committed} (only what ended sagas left).
 * Services take it as the {@code view} query parameter.
 */
public enum ReadView {
    CURRENT, COMMITTED;

    public static final String PARAMETER = "view";

    public static ReadView parse(String value) {
        if (value == null || value.isBlank()) {
            return CURRENT;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new ProblemException(Problem.invalidField(PARAMETER, "must be current or committed"));
        }
    }
}
