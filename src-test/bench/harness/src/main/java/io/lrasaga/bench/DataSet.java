package io.lrasaga.bench;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import io.lrasaga.launcher.App;
import io.lrasaga.launcher.JsonHttp;

/**
 * The same catalogue, accounts and order mix for every configuration: stock and balances large
 * enough that no order of a ten-minute run is refused, so all three do the same work.
 */
public final class DataSet {

    static final int SKUS = 100;
    static final int CUSTOMERS = 64;
    static final int STOCK = 10_000_000;
    static final BigDecimal BALANCE = new BigDecimal("1000000000.00");

    private final List<String> skus = IntStream.range(0, SKUS).mapToObj(i -> String.format("bench-sku-%03d", i))
            .toList();
    private final List<String> customers = IntStream.range(0, CUSTOMERS)
            .mapToObj(i -> String.format("bench-customer-%02d", i)).toList();

    public List<String> skus() {
        return skus;
    }

    public List<String> customers() {
        return customers;
    }

    /** Creates the products and accounts through the services' APIs; fails unless each answers 201. */
    public void seed(BenchSystem system) {
        JsonHttp http = new JsonHttp();
        for (int i = 0; i < skus.size(); i++) {
            expectCreated(http.post(system.url(App.INVENTORY) + "/products", Map.of("sku", skus.get(i), "name",
                    "benchmark item " + i, "price", new BigDecimal(5 + i % 20).add(new BigDecimal("0.99")), "stock",
                    STOCK)), skus.get(i));
        }
        for (String customer : customers) {
            expectCreated(http.post(system.url(App.PAYMENTS) + "/accounts",
                    Map.of("customerId", customer, "balance", BALANCE)), customer);
        }
    }

    private static void expectCreated(JsonHttp.Reply reply, String what) {
        if (reply.status() != 201) {
            throw new IllegalStateException("seeding " + what + " answered " + reply.status() + ": " + reply.body());
        }
    }

    /** A random order: one customer, one line of 1 to 3 units of a random product. */
    public String randomOrder() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "{\"customerId\":\"" + customers.get(random.nextInt(customers.size())) + "\",\"items\":[{\"sku\":\""
                + skus.get(random.nextInt(skus.size())) + "\",\"quantity\":" + (1 + random.nextInt(3)) + "}]}";
    }
}
