package io.lrasaga.transactions;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer of {@code POST /transactions} and {@code GET /transactions/{id}}.
 *
 * @param id              the transaction's id: its LRA's uid
 * @param status          completed, compensated, failed (compensation could not finish: see the
 *                        LRA in /admin) or unknown (the outcome could not be learned in time:
 *                        ask {@code statusUrl} later)
 * @param executionTime   milliseconds from the request to the answer
 * @param stepResults     per step that ran ({@code step_0}, ...): its data, affectedRows or error
 * @param compensatedSteps steps that had taken effect and were undone
 * @param error           why the transaction did not complete
 * @param lraId           the LRA the steps ran in
 * @param lraStatus       the LRA's status when the answer was made
 * @param statusUrl       where to ask for the outcome again
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "id", "status", "executionTime", "stepResults", "compensatedSteps", "error", "lraId", "lraStatus",
        "statusUrl" })
public record TransactionResult(String id, Status status, long executionTime, Map<String, StepResult> stepResults,
        List<String> compensatedSteps, String error, String lraId, String lraStatus, String statusUrl) {

    public enum Status {
        completed, compensated, failed, unknown
    }

    /**
     * @param data         the records a data operation wrote, or the body a call answered
     * @param affectedRows how many records a data operation wrote
     * @param error        why the step failed
     * @param problem      the problem+json the service answered, for clients that switch on its type
     * @param attempts     how often the step was sent (more than 1 with retryOnFailure)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({ "data", "affectedRows", "error", "problem", "attempts" })
    public record StepResult(JsonNode data, Integer affectedRows, String error, JsonNode problem, int attempts) {
    }

    TransactionResult withStatus(Status newStatus, String newLraStatus, String newError) {
        return new TransactionResult(id, newStatus, executionTime, stepResults, compensatedSteps, newError, lraId,
                newLraStatus, statusUrl);
    }
}
