package io.lrasaga.problem;

/**
 * Thrown by business code to answer with a problem. The local transaction it escapes from
 * rolls back, so a refused request changes nothing.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.toString(), null, false, false);
        this.problem = problem;
    }

    public ProblemException(ProblemType type, String detail) {
        this(Problem.of(type, detail));
    }

    public Problem problem() {
        return problem;
    }
}
