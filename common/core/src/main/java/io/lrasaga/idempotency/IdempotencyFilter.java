package io.lrasaga.idempotency;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lrasaga.problem.Problem;
import io.lrasaga.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Applies {@link Idempotent}: claims the key before the LRA filter could start a saga, and
 * keeps the answer once the request is done.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 100)
public class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final String CLAIMED = IdempotencyFilter.class.getName() + ".claimed";
    private static final int MAX_KEY_LENGTH = 255;

    @Context
    ResourceInfo resourceInfo;

    // Looked up per request: JAX-RS providers are built at static init, before runtime config.
    @Inject
    Instance<IdempotencyStore> store;

    @Inject
    Instance<ObjectMapper> json;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String key = request.getHeaderString(HEADER);
        if (key == null || resourceInfo.getResourceMethod() == null
                || !resourceInfo.getResourceMethod().isAnnotationPresent(Idempotent.class)) {
            return;
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            request.abortWith(Problem.of(ProblemType.VALIDATION, HEADER + ": 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters").errors(List.of(new Problem.FieldError(HEADER,
                            "1 to " + MAX_KEY_LENGTH + " visible ASCII characters"))).toResponse());
            return;
        }
        byte[] body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
        request.setEntityStream(new ByteArrayInputStream(body));
        IdempotencyStore.Claim claim = store.get().claim(key, fingerprint(request, body));
        switch (claim.outcome()) {
            case CLAIMED -> request.setProperty(CLAIMED, key);
            case REPLAY -> request.abortWith(Response.status(claim.answer().status())
                    .type(claim.answer().contentType())
                    .entity(claim.answer().body())
                    .header(REPLAYED, "true")
                    .build());
            case IN_PROGRESS -> request.abortWith(Problem.of(ProblemType.IDEMPOTENCY_KEY_IN_USE,
                    "a request with this " + HEADER + " is still running").toResponse());
            case MISMATCH -> request.abortWith(Problem.of(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "this " + HEADER + " was used for a different request")
                    .errors(List.of(new Problem.FieldError(HEADER, "already used for a different request")))
                    .toResponse());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) throws IOException {
        String key = (String) request.getProperty(CLAIMED);
        if (key == null) {
            return;
        }
        if (response.getStatus() >= 500) {
            store.get().release(key);
            return;
        }
        Object entity = response.getEntity();
        String body = entity == null ? null
                : entity instanceof String text ? text : json.get().writeValueAsString(entity);
        String contentType = response.getMediaType() == null ? null : response.getMediaType().toString();
        store.get().finish(key, new IdempotencyStore.StoredAnswer(response.getStatus(), contentType, body));
    }

    /** The same key must come with the same method, path and body. */
    private static String fingerprint(ContainerRequestContext request, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(request.getMethod().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(request.getUriInfo().getPath().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
