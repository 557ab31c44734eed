package io.lrasaga.launcher;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import io.lrasaga.launcher.JsonHttp.Reply;

/**
 * Seeds a small catalogue and two accounts, then places one order that completes and one
 * that is compensated (more than the stock), and reports both outcomes as the services
 * see them afterwards.
 */
public final class Demo {

    static final String SKU = "demo-mug";
    static final String CUSTOMER = "demo-alice";

    private final LocalSystem system;
    private final JsonHttp http = new JsonHttp();
    private final PrintStream out;

    public Demo(LocalSystem system, PrintStream out) {
        this.system = system;
        this.out = out;
    }

    /** @return true when the first order is CONFIRMED and the second CANCELLED with nothing left behind */
    public boolean run() {
        seed();
        Reply confirmed = placeOrder(1);
        Reply compensated = placeOrder(1_000_000);

        boolean ok = report("order that completes", confirmed, 201, "CONFIRMED")
                & report("order that is compensated (out of stock)", compensated, 409, "CANCELLED");
        Reply product = http.get(system.url(App.INVENTORY) + "/products/" + SKU);
        Reply account = http.get(system.url(App.PAYMENTS) + "/accounts/" + CUSTOMER);
        out.printf("  stock of %s now %s, balance of %s now %s%n", SKU, product.text("stock"), CUSTOMER,
                account.text("balance"));
        return ok;
    }

    private void seed() {
        // 409 on a second start: the data dir kept them, which is the point.
        http.post(system.url(App.INVENTORY) + "/products",
                Map.of("sku", SKU, "name", "lra-saga mug", "price", 12.50, "stock", 1000));
        http.post(system.url(App.PAYMENTS) + "/accounts", Map.of("customerId", CUSTOMER, "balance", 100000));
    }

    private Reply placeOrder(int quantity) {
        return http.post(system.url(App.ORDERS) + "/orders",
                Map.of("customerId", CUSTOMER, "items", List.of(Map.of("sku", SKU, "quantity", quantity))));
    }

    private boolean report(String what, Reply reply, int expectedStatus, String expectedOrderStatus) {
        String id = reply.text("id");
        String status = id == null ? null : http.get(system.url(App.ORDERS) + "/orders/" + id).text("status");
        boolean ok = reply.status() == expectedStatus && expectedOrderStatus.equals(status);
        out.printf("%s %s: HTTP %d, order %s is %s%s%n", ok ? "OK  " : "FAIL", what, reply.status(), id, status,
                reply.status() >= 400 ? " (" + reply.text("type") + ": " + reply.text("detail") + ")" : "");
        return ok;
    }
}
