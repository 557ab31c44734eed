package io.lrasaga.bench.stock;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * RFC 7807 answers of the hand-written stock services: a refused step keeps its status and type
 * so the initiator (and the benchmark) can tell a business refusal from a failure.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static WebApplicationException problem(int status, String type, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", Response.Status.fromStatusCode(status) == null ? "HTTP " + status
                : Response.Status.fromStatusCode(status).getReasonPhrase());
        body.put("status", status);
        body.put("detail", detail);
        return new WebApplicationException(Response.status(status).type(MEDIA_TYPE).entity(body).build());
    }

    public static WebApplicationException notFound(String detail) {
        return problem(404, "not-found", detail);
    }
}
