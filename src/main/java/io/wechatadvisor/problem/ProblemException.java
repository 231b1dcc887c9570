package io.wechatadvisor.problem;

/** Ends a request with the given problem as its answer. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final long retryAfterSeconds;

    public ProblemException(Problem problem) {
        this(problem, 0);
    }

    /** With a Retry-After header of that many seconds (none if 0). */
    public ProblemException(Problem problem, long retryAfterSeconds) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Problem problem() {
        return problem;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
