package io.lrasaga.problem;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body declared larger than {@code quarkus.http.limits.max-body-size} (1M for lra-saga
 * services, see META-INF/microprofile-config.properties) is refused with a 413 problem before
 * it is read, just ahead of Quarkus' own check, which answers with an empty body. A chunked
 * body that grows past the limit is still cut off by Quarkus (413, no problem body).
 */
@ApplicationScoped
public class BodySizeLimit {

    void install(@Observes Router router, ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit)
            throws JsonProcessingException {
        if (limit.isEmpty()) {
            return;
        }
        long max = limit.get().asLongValue();
        String problem = json.writeValueAsString(Problem.of(ProblemType.PAYLOAD_TOO_LARGE,
                "the request body is larger than " + max + " bytes"));
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(context -> {
            String length = context.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
            if (length != null && declaredLength(length) > max) {
                context.response().setStatusCode(ProblemType.PAYLOAD_TOO_LARGE.status())
                        .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaderNames.CONNECTION, "close")
                        .end(problem);
                return;
            }
            context.next();
        });
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
