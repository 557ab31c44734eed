package io.lrasaga.orders;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /orders}. */
public record NewOrder(
        @NotBlank @Size(max = 64) String customerId,
        @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Item> items) {

    public record Item(
            @NotBlank @Size(max = 64) String sku,
            @NotNull @Min(1) @Max(1_000_000) Integer quantity) {
    }
}
