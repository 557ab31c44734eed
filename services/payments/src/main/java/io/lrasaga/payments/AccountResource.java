package io.lrasaga.payments;

import java.math.BigDecimal;
import java.net.URI;

import io.lrasaga.orm.CommittedView;
import io.lrasaga.participant.ReadView;
import io.lrasaga.problem.Problem;
import io.lrasaga.problem.ProblemException;
import io.lrasaga.problem.ProblemType;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    @Inject
    CommittedView committedView;

    public record NewAccount(
            @NotBlank @Size(max = 64) @Pattern(regexp = "(?!\\.{1,2}$)[A-Za-z0-9._@-]+", message = "letters, digits, '.', '_', '@' or '-' only") String customerId,
            @NotNull @DecimalMin("0.00") @Digits(integer = 15, fraction = 2) BigDecimal balance) {
    }

    @POST
    @Transactional
    public Response create(@NotNull @Valid NewAccount body) {
        if (Account.findById(body.customerId()) != null) {
            throw new ProblemException(Problem.of(ProblemType.ALREADY_EXISTS, "account " + body.customerId() + " already exists"));
        }
        Account account = new Account();
        account.customerId = body.customerId();
        account.balance = body.balance();
        account.persist();
        return Response.created(URI.create("/accounts/" + account.customerId)).entity(account).build();
    }

    /** {@code ?view=committed}: the balance without the provisional debits of sagas in flight. */
    @GET
    @Path("{customerId}")
    public Account get(@PathParam("customerId") String customerId, @QueryParam(ReadView.PARAMETER) String view) {
        Account account = ReadView.parse(view) == ReadView.COMMITTED
                ? committedView.find(Account.class, customerId).orElse(null)
                : Account.findById(customerId);
        if (account == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no account " + customerId);
        }
        return account;
    }
}
