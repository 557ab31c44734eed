package io.lrasaga.orders;

import java.util.Map;
import java.util.function.Supplier;

import io.lrasaga.problem.Problem;
import io.lrasaga.problem.ProblemType;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

/**
 * Runs one call to a participant and turns its failure into the problem the order saga
 * answers with. Business refusals (no stock, no funds, unknown sku) keep their status and
 * type so the client sees why; anything else is the dependency's fault (502/503).
 */
final class StepCalls {

    private StepCalls() {
    }

    static Map<String, Object> call(String step, Supplier<Response> call) throws StepFailure {
        return call(step, call, null);
    }

    /** @param ifNotFound the problem a 404 means for this call, e.g. an unknown sku; null: the dependency failed */
    static Map<String, Object> call(String step, Supplier<Response> call, Problem ifNotFound) throws StepFailure {
        Response response;
        try {
            response = call.get();
        } catch (ProcessingException unreachable) {
            throw new StepFailure(Problem.of(ProblemType.DEPENDENCY_UNAVAILABLE, step + " is unavailable: "
                    + unreachable.getMessage()).with("step", step));
        }
        try {
            Map<String, Object> body = readBody(response);
            int status = response.getStatus();
            if (status < 400) {
                return body;
            }
            if (status == 404 && ifNotFound != null) {
                return throwWith(ifNotFound, step);
            }
            if (status == 402 || status == 409 || status == 422) {
                Problem refused = new Problem(String.valueOf(body.getOrDefault("type", "http-" + status)),
                        String.valueOf(body.getOrDefault("title", "Refused by " + step)), status,
                        String.valueOf(body.getOrDefault("detail", step + " refused the request")));
                return throwWith(refused, step);
            }
            return throwWith(Problem.of(ProblemType.DEPENDENCY_FAILED, step + " answered " + status + ": "
                    + body.getOrDefault("detail", body.getOrDefault("text", ""))), step);
        } finally {
            response.close();
        }
    }

    private static Map<String, Object> throwWith(Problem problem, String step) throws StepFailure {
        throw new StepFailure(problem.with("step", step));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readBody(Response response) {
        if (!response.hasEntity()) {
            return Map.of();
        }
        String type = response.getMediaType() == null ? "" : response.getMediaType().getSubtype();
        if (type.contains("json")) {
            return response.readEntity(Map.class);
        }
        return Map.of("text", response.readEntity(String.class));
    }
}
