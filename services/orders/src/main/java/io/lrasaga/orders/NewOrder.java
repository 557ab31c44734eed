package io.lrasaga.orders;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /orders}. The sku and customer id become path segments of the calls
 * to inventory and payments, so they are held to the same characters those services accept,
 * without "." or ".." (which a path would resolve to another resource).
 */
public record NewOrder(
        @NotBlank @Size(max = 64) @Pattern(regexp = CUSTOMER_ID, message = "letters, digits, '.', '_', '@' or '-' only") String customerId,
        @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Item> items) {

    static final String SKU = "(?!\\.{1,2}$)[A-Za-z0-9._-]+";
    static final String CUSTOMER_ID = "(?!\\.{1,2}$)[A-Za-z0-9._@-]+";

    public record Item(
            @NotBlank @Size(max = 64) @Pattern(regexp = SKU, message = "letters, digits, '.', '_' or '-' only") String sku,
            @NotNull @Min(1) @Max(1_000_000) Integer quantity) {
    }
}
