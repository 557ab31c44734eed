package io.lrasaga.transactions;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.lrasaga.coordinator.store.LraIds;

/**
 * Runs a checked transaction: starts an LRA at this coordinator (through its own LRA API, so the
 * id is one the participants trust), sends each step in order with the LRA in the
 * {@code Long-Running-Action} header, then closes the LRA — or cancels it at the first failed
 * step, which makes every participant's runtime undo what the earlier steps wrote — and reports
 * what happened.
 *
 * <p>Retries ({@code retryOnFailure}) repeat a failed step inside the same LRA, and only when the
 * failure says the step did nothing: a {@code 409 saga-conflict} (another saga holds a record;
 * the step's local transaction rolled back), a {@code 503}, or a connection that could not be
 * made. A step that timed out or whose connection broke may have taken effect and is not sent
 * again; the cancel undoes it if it did.
 *
 * <p>The whole transaction, retries included, must finish within {@code timeout}. The LRA gets
 * the same time limit when {@code compensateOnTimeout} is true, so the coordinator cancels it
 * even if this process dies mid-way; when false the LRA has no time limit and is left Active on
 * timeout for an operator to close or cancel ({@code /admin/lras/{id}/close|cancel}).
 */
@Singleton
public class TransactionExecutor {

    private static final Logger LOG = Logger.getLogger(TransactionExecutor.class);
    static final String CLIENT_ID = "lra-saga-transaction";
    private static final String LRA_HEADER = "Long-Running-Action";
    private static final String CANCELLING = "Cancelling";
    private static final long SETTLE_POLL_MILLIS = 50;

    private final TransactionsConfig config;
    private final ServiceCalls calls;
    private final LraOutcomes outcomes;

    TransactionExecutor(TransactionsConfig config, ServiceCalls calls, LraOutcomes outcomes) {
        this.config = config;
        this.calls = calls;
        this.outcomes = outcomes;
    }

    /** One run: the LRA and what has happened so far. */
    public final class Run {
        final TransactionPlan plan;
        final long started = System.nanoTime();
        final long deadline;
        final Map<String, TransactionResult.StepResult> results = new LinkedHashMap<>();
        final List<TransactionPlan.Step> done = new ArrayList<>();
        String lraId;
        String uid;

        Run(TransactionPlan plan) {
            this.plan = plan;
            this.deadline = started + plan.options().timeoutMillis() * 1_000_000L;
        }

        public String id() {
            return uid;
        }

        Duration remaining() {
            return Duration.ofNanos(deadline - System.nanoTime());
        }

        boolean expired() {
            return System.nanoTime() - deadline >= 0;
        }

        long elapsedMillis() {
            return (System.nanoTime() - started) / 1_000_000L;
        }

        TransactionResult result(TransactionResult.Status status, List<String> compensated, String error,
                String lraStatus) {
            return new TransactionResult(uid, status, elapsedMillis(), results, compensated, error, lraId, lraStatus,
                    "/transactions/" + uid);
        }
    }

    /** Starts the transaction's LRA; the run's id ({@link Run#id()}) is known from here on. */
    public Run start(TransactionPlan plan) {
        Run run = new Run(plan);
        long timeLimit = plan.options().compensateOnTimeout() ? plan.options().timeoutMillis() : 0;
        URI start = URI.create(config.coordinatorUrl() + "/start?ClientID=" + URLEncoder.encode(CLIENT_ID,
                StandardCharsets.UTF_8) + "&TimeLimit=" + timeLimit);
        ServiceCalls.Reply reply;
        try {
            reply = calls.send("POST", start, Map.of(), null, config.endTimeout());
        } catch (ServiceCalls.CallFailed failed) {
            throw TransactionProblem.unavailable("the coordinator's LRA API at " + config.coordinatorUrl()
                    + " cannot start an LRA: " + failed.getMessage() + "; nothing was run");
        }
        if (reply.status() != 201 && reply.status() != 200) {
            throw TransactionProblem.unavailable("starting an LRA answered " + reply.status() + ": " + reply.text());
        }
        run.lraId = reply.text().trim();
        run.uid = LraIds.uidOf(URI.create(run.lraId));
        return run;
    }

    /** Runs the steps of a started transaction and ends its LRA. */
    public TransactionResult finish(Run run) {
        for (TransactionPlan.Step step : run.plan.steps()) {
            StepOutcome outcome = runStep(run, step);
            switch (outcome) {
                case DONE -> run.done.add(step);
                case FAILED -> {
                    return end(run, false, run.results.get(step.id()).error());
                }
                case TIMED_OUT -> {
                    return timedOut(run, step);
                }
            }
        }
        if (run.expired()) {
            return timedOut(run, null);
        }
        return end(run, true, null);
    }

    private enum StepOutcome {
        DONE, FAILED, TIMED_OUT
    }

    private StepOutcome runStep(Run run, TransactionPlan.Step step) {
        TransactionPlan.Options options = run.plan.options();
        int attempts = 0;
        while (true) {
            if (run.expired()) {
                return StepOutcome.TIMED_OUT;
            }
            attempts++;
            Duration timeout = min(config.callTimeout(), run.remaining());
            boolean retryable;
            try {
                ServiceCalls.Reply reply = calls.send(step.method(), step.target(), Map.of(LRA_HEADER, run.lraId),
                        step.body(), timeout);
                if (reply.ok()) {
                    run.results.put(step.id(), success(step, reply, attempts));
                    return StepOutcome.DONE;
                }
                retryable = (reply.status() == 409 && "saga-conflict".equals(reply.problemType()))
                        || reply.status() == 503;
                String detail = reply.body().path("detail").asText(reply.text());
                String type = reply.problemType().isEmpty() ? "http-" + reply.status() : reply.problemType();
                run.results.put(step.id(), new TransactionResult.StepResult(null, null,
                        step.tag() + " answered " + reply.status() + " " + type + ": " + detail,
                        reply.body().isObject() ? reply.body() : null, attempts));
            } catch (ServiceCalls.CallFailed failed) {
                if (failed.kind() == ServiceCalls.CallFailed.Kind.TIMED_OUT && run.expired()) {
                    run.results.put(step.id(), new TransactionResult.StepResult(null, null, failed.getMessage(), null,
                            attempts));
                    return StepOutcome.TIMED_OUT;
                }
                retryable = failed.kind() == ServiceCalls.CallFailed.Kind.NOT_DELIVERED;
                run.results.put(step.id(), new TransactionResult.StepResult(null, null, failed.getMessage(), null,
                        attempts));
            }
            if (!retryable || !options.retryOnFailure() || attempts > options.maxRetries()) {
                return StepOutcome.FAILED;
            }
            if (!pause(backoff(attempts), run)) {
                return StepOutcome.TIMED_OUT;
            }
        }
    }

    private static TransactionResult.StepResult success(TransactionPlan.Step step, ServiceCalls.Reply reply,
            int attempts) {
        JsonNode body = reply.body().isMissingNode() ? null : reply.body();
        if (step instanceof TransactionPlan.DataStep && body != null) {
            return new TransactionResult.StepResult(body.path("data"), body.path("affectedRows").asInt(), null, null,
                    attempts);
        }
        return new TransactionResult.StepResult(body, null, null, null, attempts);
    }

    /** Exponential, with jitter so conflicting transactions do not retry in lockstep. */
    private Duration backoff(int attempt) {
        long base = config.retryBackoff().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, config.maxRetryBackoff().toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    /** False if the transaction's time ran out first. */
    private static boolean pause(Duration pause, Run run) {
        if (pause.compareTo(run.remaining()) >= 0) {
            return false;
        }
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private TransactionResult timedOut(Run run, TransactionPlan.Step current) {
        String error = "timed out after " + run.plan.options().timeoutMillis() + " ms"
                + (current == null ? " before closing" : " at " + current.id());
        if (run.plan.options().compensateOnTimeout()) {
            return end(run, false, error);
        }
        LOG.infof("transaction %s timed out; its LRA is left Active for an operator", run.uid);
        return run.result(TransactionResult.Status.unknown, List.of(), error
                + "; compensateOnTimeout is false, so the LRA is left Active: close or cancel it with POST /admin/lras/"
                + run.uid + "/close or /cancel, then GET /transactions/" + run.uid, "Active");
    }

    private TransactionResult end(Run run, boolean close, String error) {
        String action = close ? "close" : "cancel";
        String lraStatus = null;
        try {
            ServiceCalls.Reply reply = calls.send("PUT", URI.create(run.lraId + "/" + action), Map.of(), null,
                    config.endTimeout());
            if (reply.ok() && !reply.text().isBlank()) {
                lraStatus = reply.text().trim();
            }
        } catch (ServiceCalls.CallFailed failed) {
            LOG.warnf("%s of %s: %s", action, run.lraId, failed.getMessage());
        }
        boolean answered = lraStatus != null;
        if (!answered) {
            // The answer was lost or refused (e.g. the time limit ended the LRA first): ask the store.
            lraStatus = outcomes.status(run.uid).orElse(null);
        }
        if (CANCELLING.equals(lraStatus)) {
            lraStatus = awaitEnd(run.uid, lraStatus);
        }
        TransactionResult.Status status = LraOutcomes.transactionStatus(lraStatus);
        if (!answered && CANCELLING.equals(lraStatus)) {
            // Not an answer to our cancel: it may still be calling the participants; not failed (yet).
            status = TransactionResult.Status.unknown;
        }
        String why = error;
        if (close && status == TransactionResult.Status.compensated) {
            why = "the LRA's time limit expired before it could close";
        } else if (status == TransactionResult.Status.failed) {
            why = (error == null ? "" : error + "; ") + needsOperator(lraStatus, run.uid);
        } else if (status == TransactionResult.Status.unknown) {
            why = (error == null ? "" : error + "; ") + "the outcome of the " + action
                    + " is not known yet (LRA " + (lraStatus == null ? "status unavailable" : lraStatus)
                    + "); ask GET /transactions/" + run.uid;
        }
        List<String> compensated = switch (status) {
            case compensated -> run.done.stream().map(TransactionPlan.Step::id).toList();
            case failed -> close ? List.of() : compensatedByParticipants(run);
            default -> List.of();
        };
        return run.result(status, compensated, why, lraStatus);
    }

    // A cancel answers Cancelling at once when another thread is cancelling the LRA already (its
    // time limit expired at the same moment): give those compensations a moment to finish.
    private String awaitEnd(String uid, String ending) {
        long deadline = System.nanoTime() + config.settleTimeout().toNanos();
        String status = ending;
        while (ending.equals(status) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(SETTLE_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return status;
            }
            status = outcomes.status(uid).orElse(status);
        }
        return status;
    }

    /** After a cancel that did not finish everywhere: the steps whose service reports its part compensated. */
    private List<String> compensatedByParticipants(Run run) {
        Set<URI> compensatedServices = new LinkedHashSet<>();
        Set<URI> asked = new LinkedHashSet<>();
        for (TransactionPlan.Step step : run.done) {
            URI service = step.service();
            if (!asked.add(service)) {
                continue;
            }
            try {
                ServiceCalls.Reply reply = calls.send("GET", URI.create(service + "/lra-saga/participant/status"),
                        Map.of(LRA_HEADER, run.lraId), null, config.callTimeout());
                if (reply.ok() && reply.text().trim().equals("Compensated")) {
                    compensatedServices.add(service);
                }
            } catch (ServiceCalls.CallFailed unreachable) {
                LOG.debugf("status of %s at %s: %s", run.lraId, service, unreachable.getMessage());
            }
        }
        return run.done.stream().filter(step -> compensatedServices.contains(step.service()))
                .map(TransactionPlan.Step::id).toList();
    }

    /**
     * A stored result brought up to date: an unknown outcome may have become known since, and a
     * failed one final after an operator's retry ({@code POST /admin/lras/{id}/retry}).
     */
    public TransactionResult refresh(TransactionResult stored) {
        if (stored.status() == TransactionResult.Status.completed
                || stored.status() == TransactionResult.Status.compensated) {
            return stored;
        }
        Optional<String> lraStatus = outcomes.status(stored.id());
        TransactionResult.Status now = LraOutcomes.transactionStatus(lraStatus.orElse(null));
        if (now == TransactionResult.Status.unknown || now == stored.status()) {
            return stored.withStatus(stored.status(), lraStatus.orElse(stored.lraStatus()), stored.error());
        }
        return switch (now) {
            case completed -> new TransactionResult(stored.id(), now, stored.executionTime(), stored.stepResults(),
                    List.of(), null, stored.lraId(), lraStatus.get(), stored.statusUrl());
            case compensated -> new TransactionResult(stored.id(), now, stored.executionTime(), stored.stepResults(),
                    stored.stepResults().entrySet().stream().filter(e -> e.getValue().error() == null)
                            .map(Map.Entry::getKey).toList(),
                    stored.stepResults().values().stream().map(TransactionResult.StepResult::error)
                            .filter(Objects::nonNull).findFirst().orElse(stored.error()),
                    stored.lraId(), lraStatus.get(), stored.statusUrl());
            default -> stored.withStatus(now, lraStatus.get(), needsOperator(lraStatus.get(), stored.id()));
        };
    }

    private static String needsOperator(String lraStatus, String uid) {
        return "the LRA is " + lraStatus + ": compensation or completion did not finish; repair what the "
                + "participant reports, then POST /admin/lras/" + uid + "/retry (see GET /admin/lras/" + uid + ")";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
