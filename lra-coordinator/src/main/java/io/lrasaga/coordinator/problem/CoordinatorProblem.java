package io.lrasaga.coordinator.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

/**
 * A request the coordinator refuses, answered as RFC 7807 problem+json. {@code type} is a
 * stable short identifier in the style of the services' problems (common/ is not a dependency
 * of the coordinator, so the few types it needs live with its APIs: AdminProblem,
 * TransactionProblem); {@code errors} names bad fields as {@code [{field, message}]}.
 */
public class CoordinatorProblem extends RuntimeException {

    public static final String MEDIA_TYPE = "application/problem+json";

    private final String type;
    private final String title;
    private final int status;
    private final List<?> errors;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    protected CoordinatorProblem(String type, String title, int status, String detail, List<?> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.title = title;
        this.status = status;
        this.errors = errors;
    }

    /** Adds a member to the problem's body (e.g. {@code lraStatus}). */
    public CoordinatorProblem with(String name, Object value) {
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

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(body()).build();
    }
}
