package io.lrasaga.coordinator.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lrasaga.coordinator.admin.AdminProblem;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * An {@code Authorization: Basic} header that is not base64 of {@code user:password} is answered
 * 401 with a problem before Quarkus' Basic mechanism reads it: that mechanism fails on bad base64
 * with a 500 (found by CoordinatorAbuseTest).
 */
@ApplicationScoped
public class BasicCredentialsCheck {

    private static final String BASIC = "Basic ";

    void install(@Observes Router router, ObjectMapper json) throws JsonProcessingException {
        Buffer problem = Buffer.buffer(json.writeValueAsBytes(AdminProblem.unauthorized(
                "the Authorization header is not Basic base64(user:password)").body()));
        // Ahead of every Quarkus handler, authentication included.
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String authorization = context.request().getHeader(HttpHeaderNames.AUTHORIZATION);
            if (authorization != null && authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())
                    && !readable(authorization.substring(BASIC.length()).trim())) {
                context.response().setStatusCode(401)
                        .putHeader(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"Quarkus\"")
                        .putHeader(HttpHeaderNames.CONTENT_TYPE, AdminProblem.MEDIA_TYPE)
                        .end(problem);
                return;
            }
            context.next();
        });
    }

    static boolean readable(String credentials) {
        try {
            return new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8).indexOf(':') > 0;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
