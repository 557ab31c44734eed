package io.lrasaga.transactions;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lrasaga.coordinator.store.LraIds;

/**
 * Declarative transactions: an ordered list of data operations and service calls across the
 * configured participant services, run all-or-nothing as one LRA. Open like the LRA API under
 * {@code /lra-coordinator} (it can do no more than a client of that API and of the services'
 * allow-listed operations); restrict it with {@code quarkus.http.auth.permission.*} where needed.
 */
@Path("/transactions")
@Tag(name = "Transactions", description = "All-or-nothing steps across services and stores, as one LRA")
public class TransactionsResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 255;

    private static final String EXAMPLE = """
            {"steps": [
              {"operation": "insert", "from": {"type": "database", "tag": "orders-db", "entity": "Order"},
               "data": {"id": "o-1001", "customerId": "demo-alice", "total": 8.00, "status": "CONFIRMED"}},
              {"operation": "update", "from": {"type": "database", "tag": "inventory-db", "entity": "Product"},
               "where": {"sku": {"$eq": "demo-mug"}, "stock": {"$gte": 2}}, "data": {"stock": {"$decrement": 2}}},
              {"operation": "insert", "from": {"type": "document", "tag": "activity-docs", "entity": "ActivityEvent"},
               "data": {"userId": "demo-alice", "type": "ORDER_PLACED", "orderId": "o-1001"}}],
             "options": {"timeout": 30000, "retryOnFailure": true, "maxRetries": 3, "compensateOnTimeout": true}}""";

    @Inject
    TransactionValidator validator;

    @Inject
    TransactionExecutor executor;

    @Inject
    TransactionStore store;

    @Inject
    LraOutcomes outcomes;

    @Inject
    ObjectMapper json;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({ MediaType.APPLICATION_JSON, TransactionProblem.MEDIA_TYPE })
    @Operation(summary = "Run steps all-or-nothing", description = "Checks every step first (400 naming each bad "
            + "field, nothing runs), then runs the steps in order inside one LRA: closes it when all succeeded, "
            + "cancels it at the first failed step (each participant undoes its writes). 200 with status "
            + "completed, compensated or failed; 202 with status unknown when the outcome could not be learned "
            + "in time (ask the Location later). A repeated Idempotency-Key answers the first result.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "order", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "completed, compensated or failed",
            content = @Content(schema = @Schema(implementation = TransactionResult.class)))
    @APIResponse(responseCode = "202", description = "unknown: the outcome is not known yet",
            content = @Content(schema = @Schema(implementation = TransactionResult.class)))
    @APIResponse(responseCode = "400", description = "validation or malformed-request; nothing ran")
    @APIResponse(responseCode = "409", description = "idempotency-key-in-use: the same key is running")
    @APIResponse(responseCode = "422", description = "idempotency-key-reused: the key was used for another request")
    @APIResponse(responseCode = "503", description = "dependency-unavailable: a service could not check its step; nothing ran")
    public Response run(
            @Parameter(description = "Makes a retry safe: the same key and body answer the first result")
            @HeaderParam(IDEMPOTENCY_KEY) String key,
            String body) {
        JsonNode request = parse(body);
        if (key != null) {
            checkKey(key);
        }
        TransactionPlan plan = validator.plan(request);
        if (key == null) {
            return answer(execute(plan, null, null), false);
        }
        String fingerprint = TransactionStore.fingerprint(body);
        TransactionStore.Claim claim = store.claim(key, fingerprint);
        return switch (claim.outcome()) {
            case REPLAY -> answer(stored(claim.id()), true);
            case IN_PROGRESS -> new TransactionProblem("idempotency-key-in-use",
                    "A request with this Idempotency-Key is still running", 409,
                    "a transaction with this " + IDEMPOTENCY_KEY + " is still running", null).toResponse();
            case MISMATCH -> new TransactionProblem("idempotency-key-reused",
                    "The Idempotency-Key was used for a different request", 422,
                    "this " + IDEMPOTENCY_KEY + " was used for a different request",
                    List.of(new TransactionProblem.FieldError(IDEMPOTENCY_KEY, "already used for a different request")))
                    .toResponse();
            case CLAIMED -> {
                try {
                    yield answer(execute(plan, key, fingerprint), false);
                } finally {
                    store.release(key);
                }
            }
        };
    }

    @GET
    @Path("{id}")
    @Produces({ MediaType.APPLICATION_JSON, TransactionProblem.MEDIA_TYPE })
    @Operation(summary = "The outcome of a transaction", description = "The stored result, brought up to date "
            + "if its outcome was unknown; for a transaction still running, status unknown with its LRA's status.")
    @APIResponse(responseCode = "200", description = "the result",
            content = @Content(schema = @Schema(implementation = TransactionResult.class)))
    @APIResponse(responseCode = "404", description = "no such transaction")
    public Response get(@PathParam("id") String id) {
        String uid = LraIds.uid(id).orElseThrow(() -> TransactionProblem.notFound("no transaction " + id));
        return Response.ok(stored(uid)).build();
    }

    private TransactionResult execute(TransactionPlan plan, String key, String fingerprint) {
        TransactionExecutor.Run run = executor.start(plan);
        if (key != null) {
            store.bind(key, fingerprint, run.id());
        }
        TransactionResult result = executor.finish(run);
        store.save(result);
        return result;
    }

    /** A transaction's result as known now; one whose run did not store a result yet is reported from its LRA. */
    private TransactionResult stored(String uid) {
        return store.find(uid).map(executor::refresh).orElseGet(() -> {
            String lraStatus = outcomes.status(uid).orElseThrow(() -> TransactionProblem.notFound("no transaction "
                    + uid));
            TransactionResult.Status status = lraStatus.equals("Active") ? TransactionResult.Status.unknown
                    : LraOutcomes.transactionStatus(lraStatus);
            return new TransactionResult(uid, status, 0, Map.of(), List.of(),
                    "no result was recorded for this transaction (still running, or its run was interrupted); "
                            + "the status is its LRA's",
                    null, lraStatus, "/transactions/" + uid);
        });
    }

    private static Response answer(TransactionResult result, boolean replayed) {
        Response.ResponseBuilder response = Response
                .status(result.status() == TransactionResult.Status.unknown ? 202 : 200)
                .type(MediaType.APPLICATION_JSON)
                .location(URI.create("/transactions/" + result.id()))
                .entity(result);
        if (replayed) {
            response.header(REPLAYED, "true");
        }
        return response.build();
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw TransactionProblem.malformed("the body must be a JSON object with steps");
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw TransactionProblem.malformed("the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static void checkKey(String key) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw TransactionProblem.validation(List.of(new TransactionProblem.FieldError(IDEMPOTENCY_KEY,
                    "1 to " + MAX_KEY_LENGTH + " visible ASCII characters")));
        }
    }
}
