package io.lrasaga.chaos;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.lrasaga.launcher.App;
import io.lrasaga.launcher.JsonHttp;
import io.lrasaga.launcher.JsonHttp.Reply;
import io.lrasaga.launcher.LocalSystem;

/**
 * The products and accounts of one seed, and its orders. Stock covers about 80 % of what the
 * orders ask for and two of the six customers can pay for about a third of theirs, so most
 * orders are CONFIRMED and some are refused (409 no stock, 402 no funds) and CANCELLED.
 */
final class Catalogue {

    private static final List<BigDecimal> PRICES = List.of(new BigDecimal("3.00"), new BigDecimal("4.50"),
            new BigDecimal("7.25"), new BigDecimal("12.00"));
    private static final int CUSTOMERS = 6;
    private static final int POOR_CUSTOMERS = 2;
    // An order has 1 or 2 lines of 1 to 3 units: 3 units on average, at 6.69 on average.
    private static final double UNITS_PER_ORDER = 3.0;
    private static final double AVERAGE_PRICE = 6.69;

    private final String prefix;
    private final int stockPerSku;
    private final Map<String, BigDecimal> products = new LinkedHashMap<>();
    private final Map<String, BigDecimal> accounts = new LinkedHashMap<>();

    Catalogue(long seed, int expectedOrders) {
        this.prefix = "chaos" + Long.toUnsignedString(seed, 36) + "-";
        double unitsPerSku = expectedOrders * UNITS_PER_ORDER / PRICES.size();
        for (int i = 0; i < PRICES.size(); i++) {
            products.put(prefix + "sku" + i, PRICES.get(i));
        }
        double spendPerCustomer = expectedOrders * UNITS_PER_ORDER * AVERAGE_PRICE / CUSTOMERS;
        for (int i = 0; i < CUSTOMERS; i++) {
            double share = i < POOR_CUSTOMERS ? 0.35 : 2.0;
            accounts.put(prefix + "customer" + i, BigDecimal.valueOf(Math.ceil(spendPerCustomer * share)));
        }
        this.stockPerSku = (int) Math.ceil(unitsPerSku * 0.8);
    }

    /** Creates the products and accounts through the services' APIs. */
    void create(LocalSystem system, JsonHttp http) {
        products.forEach((sku, price) -> expectCreated(http.post(system.url(App.INVENTORY) + "/products",
                Map.of("sku", sku, "name", "chaos item", "price", price, "stock", stockPerSku)), sku));
        accounts.forEach((customer, balance) -> expectCreated(http.post(system.url(App.PAYMENTS) + "/accounts",
                Map.of("customerId", customer, "balance", balance)), customer));
    }

    private static void expectCreated(Reply reply, String what) {
        if (reply.status() != 201) {
            throw new IllegalStateException("cannot create " + what + ": " + reply.status() + " " + reply.body());
        }
    }

    /** The seed's orders, each with its own Idempotency-Key, in the order they are placed. */
    List<PlacedOrder> orders(long seed, int count) {
        Random random = new Random(seed * 31 + 7);
        List<String> skus = List.copyOf(products.keySet());
        List<String> customers = List.copyOf(accounts.keySet());
        List<PlacedOrder> orders = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            List<String> pool = new ArrayList<>(skus);
            List<Map<String, Object>> items = new ArrayList<>();
            int lines = 1 + random.nextInt(2);
            for (int line = 0; line < lines; line++) {
                items.add(Map.of("sku", pool.remove(random.nextInt(pool.size())), "quantity", 1 + random.nextInt(3)));
            }
            String customer = customers.get(random.nextInt(customers.size()));
            orders.add(new PlacedOrder(n, prefix + "order" + n, Map.of("customerId", customer, "items", items)));
        }
        return orders;
    }

    String prefix() {
        return prefix;
    }

    List<String> skus() {
        return List.copyOf(products.keySet());
    }

    List<String> customers() {
        return List.copyOf(accounts.keySet());
    }
}
