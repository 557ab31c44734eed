package io.lrasaga.participant;

import io.lrasaga.problem.Problem;
import io.lrasaga.problem.ProblemException;
import io.lrasaga.problem.ProblemType;

/**
 * A write touched a record another in-flight saga holds (a semantic lock); the step fails
 * with 409 saga-conflict and its saga is cancelled. Which saga holds it is not disclosed.
 */
public class SagaConflictException extends ProblemException {

    /** @param recordType a class or collection name; only its simple name is shown */
    public SagaConflictException(String recordType, String recordId) {
        super(Problem.of(ProblemType.SAGA_CONFLICT, recordType.substring(recordType.lastIndexOf('.') + 1) + " "
                + recordId + " is held by another saga until it ends"));
    }
}
