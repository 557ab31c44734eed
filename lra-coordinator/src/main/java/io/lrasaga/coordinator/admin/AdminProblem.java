package io.lrasaga.coordinator.admin;

import java.util.List;
import java.util.Map;

import io.lrasaga.coordinator.problem.CoordinatorProblem;

/** An admin request that cannot be done, as problem+json (see {@link CoordinatorProblem}). */
public class AdminProblem extends CoordinatorProblem {

    private AdminProblem(String type, String title, int status, String detail, List<Map<String, String>> errors) {
        super(type, title, status, detail, errors);
    }

    /** A bad query or path parameter; names it. */
    public static AdminProblem invalidParameter(String parameter, String message) {
        return new AdminProblem("validation", "Invalid request", 400, parameter + ": " + message,
                List.of(Map.of("field", parameter, "message", message)));
    }

    /** Credentials that cannot even be read (see BasicCredentialsCheck). */
    public static AdminProblem unauthorized(String detail) {
        return new AdminProblem("unauthorized", "Unauthorized", 401, detail, null);
    }

    public static AdminProblem notFound(String detail) {
        return new AdminProblem("not-found", "Not found", 404, detail, null);
    }

    /** The LRA is not Active, so it cannot be closed or cancelled any more. */
    public static AdminProblem notActive(String uid, String status) {
        return new AdminProblem("lra-not-active", "The LRA is no longer active", 409,
                "LRA " + uid + " is " + status + "; only an Active LRA can be closed or cancelled", null)
                .with("lraStatus", status);
    }

    /** The LRA is still running: it must not be forgotten. */
    public static AdminProblem stillActive(String uid, String status) {
        return new AdminProblem("lra-active", "The LRA has not ended", 409,
                "LRA " + uid + " is " + status + "; only an LRA that ended FailedToClose or FailedToCancel can be "
                        + "forgotten", null)
                .with("lraStatus", status);
    }

    public static AdminProblem notRetryable(String uid, String status, String why) {
        return new AdminProblem("lra-not-retryable", "The LRA cannot be retried", 409,
                "LRA " + uid + " is " + status + ": " + why, null).with("lraStatus", status);
    }

    /** An action a browser sent on behalf of another site (see CrossSiteGuard). */
    public static AdminProblem crossSite(String evidence) {
        return new AdminProblem("cross-site", "Cross-site request refused", 403,
                "admin actions are refused when a browser sends them from another site (" + evidence + ")", null);
    }

    @Override
    public AdminProblem with(String name, Object value) {
        super.with(name, value);
        return this;
    }
}
