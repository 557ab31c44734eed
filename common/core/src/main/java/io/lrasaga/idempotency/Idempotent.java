package io.lrasaga.idempotency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A saga-starting endpoint that honours the {@code Idempotency-Key} request header: the
 * first request with a key runs; a repeat with the same key and the same request gets the
 * first answer again (with {@code Idempotent-Replayed: true}) and starts nothing; the same
 * key with a different request is refused (422); a repeat while the first is still running
 * is refused (409). Answers of 5xx are not kept, so a retry after an outage runs again.
 * Requests without the header are not affected.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Idempotent {
}
