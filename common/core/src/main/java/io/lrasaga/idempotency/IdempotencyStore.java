package io.lrasaga.idempotency;

/** Durable memory of idempotent requests, kept in the service's own store. */
public interface IdempotencyStore {

    /** The answer kept for a finished request. */
    record StoredAnswer(int status, String contentType, String body) {
    }

    /** What a claim found: run the request, replay an answer, or refuse. */
    enum Outcome {
        /** The key is new (or its earlier attempt was abandoned): run the request. */
        CLAIMED,
        /** The same request already finished: answer what it answered. */
        REPLAY,
        /** The same key is being processed right now. */
        IN_PROGRESS,
        /** The key was used for a different request. */
        MISMATCH
    }

    /** @param answer set for {@link Outcome#REPLAY} only */
    record Claim(Outcome outcome, StoredAnswer answer) {
        public static Claim of(Outcome outcome) {
            return new Claim(outcome, null);
        }
    }

    Claim claim(String key, String fingerprint);

    void finish(String key, StoredAnswer answer);

    /** Forgets the key, so the request may run again (its attempt failed without an outcome). */
    void release(String key);
}
