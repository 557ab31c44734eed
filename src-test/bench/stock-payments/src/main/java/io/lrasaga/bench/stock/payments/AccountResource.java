package io.lrasaga.bench.stock.payments;

import java.math.BigDecimal;
import java.net.URI;

import io.lrasaga.bench.stock.Problems;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Balances, with the reference payments' API (the benchmark seeds and checks through it). */
@Path("/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    public record NewAccount(@NotBlank String customerId, @NotNull @DecimalMin("0.00") BigDecimal balance) {
    }

    @POST
    @Transactional
    public Response create(@NotNull @Valid NewAccount body) {
        if (Account.findById(body.customerId()) != null) {
            throw Problems.problem(409, "already-exists", "account " + body.customerId() + " already exists");
        }
        Account account = new Account();
        account.customerId = body.customerId();
        account.balance = body.balance();
        account.persist();
        return Response.created(URI.create("/accounts/" + account.customerId)).entity(account).build();
    }

    @GET
    @Path("{customerId}")
    public Account get(@PathParam("customerId") String customerId) {
        Account account = Account.findById(customerId);
        if (account == null) {
            throw Problems.notFound("no account " + customerId);
        }
        return account;
    }
}
