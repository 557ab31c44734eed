package io.lrasaga.participant;

import java.util.Optional;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.lra.annotation.LRAStatus;

/**
 * The LRA the current request works under, as far as the store capture is concerned: set for
 * {@link Compensable} steps, and marked as replaying while a compensation undoes that LRA's
 * writes (which must not be recorded or locked again).
 */
@RequestScoped
public class SagaContext {

    private String received;
    private String attestedLra;
    private LRAStatus attestedStatus;
    private String lraId;
    private String replaying;

    /**
     * The LRA named by the request's {@code Long-Running-Action} header, once
     * {@link LraContextGuard} found it trusted. Narayana's filter removes that header from
     * requests that are not its own, so the runtime's endpoints and steps read it here.
     */
    public Optional<String> receivedLra() {
        return Optional.ofNullable(received);
    }

    void receive(String lra) {
        this.received = lra;
    }

    /**
     * The status the coordinator signed for {@code lra} on this request, once
     * {@link LraContextGuard} verified the signature; empty for any other LRA or without one.
     */
    public Optional<LRAStatus> attestedStatus(String lra) {
        return lra != null && lra.equals(attestedLra) ? Optional.ofNullable(attestedStatus) : Optional.empty();
    }

    void attest(String lra, LRAStatus status) {
        this.attestedLra = lra;
        this.attestedStatus = status;
    }

    public Optional<String> lraId() {
        return Optional.ofNullable(lraId);
    }

    /** The LRA of the running {@link Compensable} step (read it here, not from the header). */
    public String requireLraId() {
        if (lraId == null) {
            throw new IllegalStateException("not inside a @Compensable step");
        }
        return lraId;
    }

    public void enter(String lraId) {
        this.lraId = lraId;
    }

    public Optional<String> replaying() {
        return Optional.ofNullable(replaying);
    }

    public void replay(String lraId) {
        this.replaying = lraId;
    }

    public void endReplay() {
        this.replaying = null;
    }

    /** The context of the running request, or empty outside of one (e.g. a scheduled job). */
    public static Optional<SagaContext> current() {
        ManagedContext requestContext = Arc.container().requestContext();
        if (!requestContext.isActive()) {
            return Optional.empty();
        }
        return Optional.of(Arc.container().instance(SagaContext.class).get());
    }
}
