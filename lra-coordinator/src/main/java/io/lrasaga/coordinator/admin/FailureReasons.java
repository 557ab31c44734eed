package io.lrasaga.coordinator.admin;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import io.lrasaga.coordinator.outbound.ParticipantHttp;
import jakarta.inject.Inject;

import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;

import io.lrasaga.coordinator.security.AdminConfig;
import io.lrasaga.coordinator.tracking.ParticipantView;

/**
 * Asks failed participants why they failed. Narayana records only that a participant answered
 * FailedToCompensate/FailedToComplete; the why stays in the participant's own ledger, which its
 * status URL reports ({@link FailureReason}).
 *
 * <p>Only the status URLs recorded in the coordinator's own log for that LRA are called, with
 * that LRA's id, and only for participants it holds as failed: nothing in an admin request
 * chooses where the coordinator connects. All calls of one admin answer run at once and are cut
 * at {@code lra-saga.coordinator.admin.reason-timeout}.
 */
@ApplicationScoped
public class FailureReasons {

    private static final int MAX_BODY_BYTES = 256;

    @Inject
    ParticipantHttp http;

    @Inject
    AdminConfig config;

    /** The participants of one LRA, each failed one with its reason. */
    public List<ParticipantView> explain(URI lraId, List<ParticipantView> participants) {
        return explainAll(Map.of(lraId, participants)).get(lraId);
    }

    /** The same for several LRAs (a page of the list), asked all at once. */
    public Map<URI, List<ParticipantView>> explainAll(Map<URI, List<ParticipantView>> lras) {
        Map<URI, List<CompletableFuture<ParticipantView>>> asked = new LinkedHashMap<>();
        lras.forEach((lraId, participants) -> asked.put(lraId, participants.stream()
                .map(p -> failed(p) ? ask(lraId, p).thenApply(p::withReason)
                        : CompletableFuture.completedFuture(p))
                .toList()));
        Map<URI, List<ParticipantView>> explained = new LinkedHashMap<>();
        // every future completes by the timeout (completeOnTimeout): join never waits longer
        asked.forEach((lraId, futures) -> explained.put(lraId,
                new ArrayList<>(futures.stream().map(CompletableFuture::join).toList())));
        return explained;
    }

    static boolean failed(ParticipantView participant) {
        return ParticipantStatus.FailedToCompensate.name().equals(participant.state())
                || ParticipantStatus.FailedToComplete.name().equals(participant.state());
    }

    private CompletableFuture<String> ask(URI lraId, ParticipantView participant) {
        URI status = participant.status();
        if (status == null) {
            return CompletableFuture.completedFuture("no status URL registered: only the participant's own log says why");
        }
        if (!"http".equalsIgnoreCase(status.getScheme()) && !"https".equalsIgnoreCase(status.getScheme())) {
            return CompletableFuture.completedFuture("the status URL is not http(s): not called");
        }
        Duration timeout = config.reasonTimeout();
        HttpRequest.Builder request = HttpRequest.newBuilder(status).timeout(timeout).GET()
                .header("Accept", "text/plain")
                .header(LRA.LRA_HTTP_CONTEXT_HEADER, lraId.toASCIIString());
        if (participant.recoveryUrl() != null) {
            request.header(LRA.LRA_HTTP_RECOVERY_HEADER, participant.recoveryUrl().toASCIIString());
        }
        return http.client().sendAsync(request.build(), info -> new FirstBytes(MAX_BODY_BYTES))
                .thenApply(answer -> FailureReason.fromStatusAnswer(answer.statusCode(), answer.body(),
                        answer.headers().firstValue(FailureReason.HEADER)))
                .exceptionally(unreachable -> FailureReason.UNREACHABLE)
                .completeOnTimeout(FailureReason.UNREACHABLE, timeout.toMillis() + 250, TimeUnit.MILLISECONDS);
    }

    /**
     * The first bytes of a body as text, then no more: a status answer is one word, and a
     * participant that sends an endless body must not hold a thread or memory.
     */
    static final class FirstBytes implements HttpResponse.BodySubscriber<String> {

        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<String> text = new CompletableFuture<>();
        private Flow.Subscription subscription;

        FirstBytes(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<String> getBody() {
            return text;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                byte[] chunk = new byte[Math.min(buffer.remaining(), limit - bytes.size())];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
            if (bytes.size() >= limit) {
                subscription.cancel();
                onComplete();
            }
        }

        @Override
        public void onError(Throwable failure) {
            text.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            text.complete(bytes.toString(StandardCharsets.UTF_8));
        }
    }
}
