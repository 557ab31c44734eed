package io.lrasaga.coordinator.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An admin request that cannot be done, answered as RFC 7807 problem+json. {@code type} is a
 * stable short identifier in the style of the services' problems (common/ is not a
 * dependency of the coordinator, so the few types it needs live here).
 */
public class AdminProblem extends RuntimeException {

    public static final String MEDIA_TYPE = "application/problem+json";

    private final String type;
    private final String title;
    private final int status;
    private final List<Map<String, String>> errors;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    private AdminProblem(String type, String title, int status, String detail, List<Map<String, String>> errors) {
        super(detail);
        this.type = type;
        this.title = title;
        this.status = status;
        this.errors = errors;
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

    public AdminProblem with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", getMessage());
        if (errors != null) {
            body.put("errors", errors);
        }
        body.putAll(extensions);
        return body;
    }
}
