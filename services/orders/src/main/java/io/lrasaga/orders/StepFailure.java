package io.lrasaga.orders;

import io.lrasaga.problem.Problem;

/** A saga step was refused or could not be reached; the saga must be cancelled. */
class StepFailure extends Exception {

    private final transient Problem problem;

    StepFailure(Problem problem) {
        super(problem.toString(), null, false, false);
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }
}
