package io.lrasaga.bench.stock.inventory;

import java.math.BigDecimal;
import java.net.URI;

import io.lrasaga.bench.stock.Problems;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
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

/** The catalogue, with the reference inventory's API (the benchmark seeds and checks through it). */
@Path("/products")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProductResource {

    public record NewProduct(@NotBlank String sku, @NotBlank String name, @NotNull @DecimalMin("0.00") BigDecimal price,
            @NotNull @Min(0) Integer stock) {
    }

    @POST
    @Transactional
    public Response create(@NotNull @Valid NewProduct body) {
        if (Product.findById(body.sku()) != null) {
            throw Problems.problem(409, "already-exists", "product " + body.sku() + " already exists");
        }
        Product product = new Product();
        product.sku = body.sku();
        product.name = body.name();
        product.price = body.price();
        product.stock = body.stock();
        product.persist();
        return Response.created(URI.create("/products/" + product.sku)).entity(product).build();
    }

    @GET
    @Path("{sku}")
    public Product get(@PathParam("sku") String sku) {
        Product product = Product.findById(sku);
        if (product == null) {
            throw Problems.notFound("no product " + sku);
        }
        return product;
    }
}
