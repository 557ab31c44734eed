package io.lrasaga.participant;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A saga step: a JAX-RS method that runs inside the caller's LRA (the request must carry a
 * {@code Long-Running-Action} header of a trusted coordinator, else 412/400) and whose writes
 * to this service's store are undone automatically if the LRA is cancelled. It takes the
 * place of {@code @LRA(MANDATORY, end = false)} plus hand-written {@code @Complete} and
 * {@code @Compensate} methods; a refusal (4xx) does not cancel the LRA by itself — the
 * initiator that receives it decides.
 *
 * <p>The runtime joins the LRA once per service with its own participant endpoints under
 * {@code /lra-saga/participant}, records every insert, update and delete the method makes in
 * a ledger written in the same local transaction, and on compensation replays them in
 * reverse. The service writes no {@code @Complete}/{@code @Compensate} code.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface Compensable {
}
