package io.lrasaga.coordinator.admin;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class AdminProblemMapper implements ExceptionMapper<AdminProblem> {

    @Override
    public Response toResponse(AdminProblem problem) {
        return Response.status(problem.status())
                .type(AdminProblem.MEDIA_TYPE)
                .entity(problem.body())
                .build();
    }
}
