package io.lrasaga.inventory;

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
import jakarta.validation.constraints.Min;
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

@Path("/products")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProductResource {

    @Inject
    CommittedView committedView;

    public record NewProduct(
            @NotBlank @Size(max = 64) @Pattern(regexp = "(?!\\.{1,2}$)[A-Za-z0-9._-]+", message = "letters, digits, '.', '_' or '-' only") String sku,
            @NotBlank @Size(max = 200) String name,
            @NotNull @DecimalMin("0.00") @Digits(integer = 15, fraction = 2) BigDecimal price,
            @NotNull @Min(0) Integer stock) {
    }

    @POST
    @Transactional
    public Response create(@NotNull @Valid NewProduct body) {
        if (Product.findById(body.sku()) != null) {
            throw new ProblemException(Problem.of(ProblemType.ALREADY_EXISTS, "product " + body.sku() + " already exists"));
        }
        Product product = new Product();
        product.sku = body.sku();
        product.name = body.name();
        product.price = body.price();
        product.stock = body.stock();
        product.persist();
        return Response.created(URI.create("/products/" + product.sku)).entity(product).build();
    }

    /** {@code ?view=committed}: the product without the provisional changes of sagas in flight. */
    @GET
    @Path("{sku}")
    public Product get(@PathParam("sku") String sku, @QueryParam(ReadView.PARAMETER) String view) {
        Product product = ReadView.parse(view) == ReadView.COMMITTED
                ? committedView.find(Product.class, sku).orElse(null)
                : Product.findById(sku);
        if (product == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no product " + sku);
        }
        return product;
    }
}
