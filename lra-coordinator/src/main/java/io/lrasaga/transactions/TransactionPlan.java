package io.lrasaga.transactions;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A checked transaction request: what to call, in order, and how. */
public record TransactionPlan(List<Step> steps, Options options) {

    /** The request's {@code options}, defaults filled in. */
    public record Options(long timeoutMillis, boolean retryOnFailure, int maxRetries, boolean compensateOnTimeout) {
        static final long DEFAULT_TIMEOUT = 30_000;
        static final int DEFAULT_MAX_RETRIES = 3;
    }

    /** One step; its id in the result is {@code step_<index>}. */
    public sealed interface Step permits DataStep, CallStep {
        int index();

        String tag();

        /** The tag's configured service URL. */
        URI service();

        default String id() {
            return "step_" + index();
        }

        String method();

        /** Where the step is sent, always under the tag's configured service URL. */
        URI target();

        JsonNode body();
    }

    /** A data operation on an entity the tag's service exposes ({@code POST /lra-saga/data/{entity}}). */
    public record DataStep(int index, String tag, URI service, String entity, ObjectNode operation) implements Step {
        public static final String PATH = "/lra-saga/data/";

        @Override
        public String method() {
            return "POST";
        }

        @Override
        public URI target() {
            return URI.create(service + PATH + entity);
        }

        @Override
        public JsonNode body() {
            return operation;
        }
    }

    /** A call of a business endpoint of the tag's service that joins the LRA (a compensable step). */
    public record CallStep(int index, String tag, URI service, String method, String path, JsonNode body)
            implements Step {
        @Override
        public URI target() {
            return URI.create(service + path);
        }
    }
}
