package io.lrasaga.bench.stock.orders;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /orders} and {@code POST /floor/orders}, as the reference orders takes it. */
public record NewOrder(@NotBlank String customerId, @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Item> items) {

    public record Item(@NotBlank String sku, @NotNull @Min(1) Integer quantity) {
    }
}
