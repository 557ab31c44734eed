package io.lrasaga.payments;

import java.math.BigDecimal;
import java.time.Instant;

import io.lrasaga.participant.Compensable;
import io.lrasaga.participant.SagaContext;
import io.lrasaga.problem.Problem;
import io.lrasaga.problem.ProblemException;
import io.lrasaga.problem.ProblemType;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Debits inside an order's LRA. Paying takes the money at once, never below zero; if the saga
 * is cancelled, lra-saga credits it back and deletes the payment.
 */
@Path("/payments")
public class PaymentResource {

    @Inject
    SagaContext saga;

    public record NewPayment(
            @NotBlank @Size(max = 64) String customerId,
            @NotNull @DecimalMin("0.01") @Digits(integer = 15, fraction = 2) BigDecimal amount) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Compensable
    @Transactional
    public Response pay(@NotNull @Valid NewPayment body) {
        // Locked: the check and the debit must see the same balance.
        Account account = Account.findById(body.customerId(), LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            throw new ProblemException(Problem.unknownReference("customerId", "no account " + body.customerId()));
        }
        if (account.balance.compareTo(body.amount()) < 0) {
            throw new ProblemException(ProblemType.INSUFFICIENT_FUNDS,
                    "the balance of " + body.customerId() + " does not cover " + body.amount().toPlainString());
        }
        account.balance = account.balance.subtract(body.amount());
        Payment payment = new Payment();
        payment.lraId = saga.requireLraId();
        payment.customerId = body.customerId();
        payment.amount = body.amount();
        payment.createdAt = Instant.now();
        payment.persist();
        return Response.status(Response.Status.CREATED).entity(payment).build();
    }
}
