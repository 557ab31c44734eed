package io.lrasaga.coordinator.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class CoordinatorProblemMapper implements ExceptionMapper<CoordinatorProblem> {

    @Override
    public Response toResponse(CoordinatorProblem problem) {
        return problem.toResponse();
    }
}
