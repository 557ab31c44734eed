package io.lrasaga.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lrasaga.launcher.App;
import io.lrasaga.launcher.JsonHttp;
import io.lrasaga.launcher.JsonHttp.Reply;
import io.lrasaga.launcher.LocalSystem;

/** The reference services as the end-to-end tests use them: fresh products and customers, and orders. */
final class Shop {

    private final LocalSystem system;
    private final JsonHttp http;

    Shop(LocalSystem system, JsonHttp http) {
        this.system = system;
        this.http = http;
    }

    /** A new product (fresh sku) with this price and stock; returns its sku. */
    String product(String price, int stock) {
        String sku = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, http.post(system.url(App.INVENTORY) + "/products",
                Map.of("sku", sku, "name", "e2e item", "price", new BigDecimal(price), "stock", stock)).status());
        return sku;
    }

    /** A new customer account with this balance; returns the customer id. */
    String customer(String balance) {
        String id = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, http.post(system.url(App.PAYMENTS) + "/accounts",
                Map.of("customerId", id, "balance", new BigDecimal(balance))).status());
        return id;
    }

    Reply order(String customer, String sku, int quantity) {
        return http.post(system.url(App.ORDERS) + "/orders",
                Map.of("customerId", customer, "items", List.of(Map.of("sku", sku, "quantity", quantity))));
    }
}
