package io.lrasaga.saga;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.lrasaga.participant.CoordinatorCalls;
import io.lrasaga.participant.SagaConflictException;
import io.lrasaga.problem.ProblemException;
import io.lrasaga.problem.ProblemType;
import io.narayana.lra.Current;
import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.jboss.logging.Logger;

/**
 * Runs a lambda as one saga (one LRA), the way a database runs a transaction closure:
 *
 * <pre>
 * Receipt receipt = sagas.run(saga -&gt; {
 *     inventory.reserve(new Reservation(sku, 2));   // MicroProfile REST clients carry the LRA
 *     payments.pay(new Payment(customer, total));
 *     return new Receipt(saga.lraId());
 * });
 * </pre>
 *
 * <ul>
 * <li>The lambda returns: the LRA is closed (commit) and its value is returned.</li>
 * <li>The lambda throws: the LRA is cancelled, every participant undoes its part, and
 * {@link SagaCompensatedException} ("did not reach the commit point") is thrown with the cause.</li>
 * <li>It threw because a step answered {@code 409 saga-conflict} (another saga held a record):
 * the whole lambda runs again in a new LRA, after an exponential backoff, up to
 * {@code lra-saga.saga.max-attempts} runs.</li>
 * <li>The close was sent but its outcome is not known (no answer in time, the coordinator
 * unreachable, or a participant failed to complete): {@link SagaOutcomeUnknownException} — the
 * saga may have committed.</li>
 * </ul>
 *
 * <p>Because the lambda may run more than once, it must do nothing but calls of compensable
 * steps with the saga's LRA: a plain database write, a message or a call without the LRA would
 * neither be undone nor happen exactly once. While it runs, the LRA is the thread's current LRA
 * for Narayana's client filter, so MicroProfile REST clients called on this thread send the
 * {@code Long-Running-Action} header; other clients send {@link Saga#header()}.
 */
@Singleton
public class Sagas {

    private static final Logger LOG = Logger.getLogger(Sagas.class);

    private final CoordinatorCalls coordinator;
    private final SagaConfig config;
    private final String coordinatorUrl;

    Sagas(CoordinatorCalls coordinator, SagaConfig config,
            @ConfigProperty(name = "quarkus.lra.coordinator-url") String coordinatorUrl) {
        this.coordinator = coordinator;
        this.config = config;
        this.coordinatorUrl = coordinatorUrl;
    }

    /** Runs the lambda as a saga; see the class description. */
    public <T> T run(SagaWork<T> work) {
        int attempt = 0;
        while (true) {
            attempt++;
            URI lra;
            try {
                lra = coordinator.start(coordinatorUrl, config.clientId(), config.timeLimit());
            } catch (ProblemException unavailable) {
                throw new SagaCompensatedException("the saga could not start: " + unavailable.getMessage(), null,
                        unavailable, true, attempt);
            }
            T value;
            try {
                value = inContext(lra, work, attempt);
            } catch (Exception | Error failure) {
                Optional<LRAStatus> cancelled = end(lra, false);
                if (isConflict(failure) && attempt < config.maxAttempts()) {
                    LOG.debugf("saga %s ran into a conflict (run %d); running it again", lra, attempt);
                    pause(attempt, lra);
                    continue;
                }
                throw new SagaCompensatedException("the saga failed before its commit and was cancelled"
                        + (attempt > 1 ? " (run " + attempt + ")" : "") + ": " + failure, lra, failure,
                        cancelled.map(s -> s == LRAStatus.Cancelled).orElse(true), attempt);
            }
            return closed(lra, value, attempt);
        }
    }

    private static <T> T inContext(URI lra, SagaWork<T> work, int attempt) throws Exception {
        Current.push(lra);
        try {
            return work.run(new Saga(lra, attempt));
        } finally {
            Current.pop(lra);
        }
    }

    private <T> T closed(URI lra, T value, int attempt) {
        Optional<LRAStatus> status;
        try {
            status = coordinator.end(lra, true, config.endTimeout());
        } catch (ProblemException noAnswer) {
            throw new SagaOutcomeUnknownException("the saga was asked to close, but no answer came: "
                    + noAnswer.getMessage(), lra, noAnswer);
        }
        if (status.isEmpty()) {
            throw new SagaOutcomeUnknownException("the coordinator no longer knows the saga it was asked to close",
                    lra, null);
        }
        return switch (status.get()) {
            // Closing: committed; the coordinator finishes the participants' completion itself.
            case Closed, Closing -> value;
            case Cancelled, Cancelling -> throw new SagaCompensatedException(
                    "the saga's time limit expired before it could close; it was cancelled", lra, null,
                    status.get() == LRAStatus.Cancelled, attempt);
            default -> throw new SagaOutcomeUnknownException("the saga was asked to close and is "
                    + status.get() + "; see the coordinator's admin API", lra, null);
        };
    }

    /** Cancels; empty if the outcome of the cancel is not known (the time limit still cancels it). */
    private Optional<LRAStatus> end(URI lra, boolean close) {
        try {
            return coordinator.end(lra, close, config.endTimeout());
        } catch (ProblemException unavailable) {
            LOG.warnf("cancelling %s failed: %s; its time limit cancels it", lra, unavailable.getMessage());
            return Optional.empty();
        }
    }

    private void pause(int attempt, URI lra) {
        long base = config.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, config.maxBackoff().toMillis());
        try {
            Thread.sleep(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SagaCompensatedException("interrupted before running the saga again", lra, e, true, attempt);
        }
    }

    /** A step answered 409 saga-conflict, as an exception of ours or of a REST client. */
    static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SagaConflictException) {
                return true;
            }
            if (t instanceof ProblemException problem
                    && ProblemType.SAGA_CONFLICT.id().equals(problem.problem().getType())) {
                return true;
            }
            if (t instanceof WebApplicationException web && web.getResponse() != null
                    && web.getResponse().getStatus() == 409 && mentionsConflict(web.getResponse())) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsConflict(Response response) {
        try {
            response.bufferEntity();
            return response.readEntity(String.class).contains("\"" + ProblemType.SAGA_CONFLICT.id() + "\"");
        } catch (RuntimeException unreadable) {
            return false;
        }
    }
}
