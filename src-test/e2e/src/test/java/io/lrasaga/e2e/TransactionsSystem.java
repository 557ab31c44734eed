package io.lrasaga.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.lrasaga.launcher.App;
import io.lrasaga.launcher.FreePort;
import io.lrasaga.launcher.HoldingProxy;
import io.lrasaga.launcher.Invariants;
import io.lrasaga.launcher.JsonHttp;
import io.lrasaga.launcher.JsonHttp.Reply;
import io.lrasaga.launcher.LocalSystem;
import io.lrasaga.launcher.LocalSystemConfig;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The system the declarative-transaction tests share (starting one costs about a minute here):
 * the coordinator and the four services as JVMs, embedded PostgreSQL and the MongoDB wire server,
 * started by the first test class that needs it and stopped when the test run ends; and the
 * fixtures those tests write with.
 *
 * <p>For fault tests, two {@link HoldingProxy holding proxies}: one in front of the coordinator's
 * LRA API as the transactions executor calls it ({@code lra-saga.transactions.coordinator-url};
 * it keeps the {@code Host} header, so the transactions' LRAs are named after the proxy and their
 * close and cancel pass it — the services trust both addresses), and one in front of payments,
 * addressed by the extra tag {@value #PAYMENTS_HELD}. Both pass everything through until armed.
 * The executor waits {@value #END_TIMEOUT} for a close or cancel answer.
 */
final class TransactionsSystem implements BeforeAllCallback {

    static final Duration SETTLE = Duration.ofSeconds(60);
    static final String PAYMENTS_HELD = "payments-held";
    static final String END_TIMEOUT = "8s";
    static final JsonHttp http = new JsonHttp();

    private static LocalSystem system;
    private static Invariants invariants;
    private static HoldingProxy coordinatorProxy;
    private static HoldingProxy paymentsProxy;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(TransactionsSystem.class, key -> start(), Running.class);
    }

    /** Closes the shared system when the whole test run ends. */
    private record Running() implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            for (AutoCloseable closeable : new AutoCloseable[] { system, coordinatorProxy, paymentsProxy }) {
                try {
                    if (closeable != null) {
                        closeable.close();
                    }
                } catch (Exception e) {
                    System.err.println("stopping the transactions system: " + e);
                }
            }
        }
    }

    private static Running start() {
        try {
            Path root = Path.of(System.getProperty("lra-saga.root", "../.."));
            Files.createDirectories(Path.of("target"));
            Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "e2e-tx-");
            system = new LocalSystem(LocalSystemConfig.defaults(root).withDataDir(data)
                    .withPorts(FreePort.findRange(5), FreePort.find(), FreePort.find()));
            coordinatorProxy = new HoldingProxy(FreePort.find(), system.url(App.COORDINATOR), true);
            paymentsProxy = new HoldingProxy(FreePort.find(), system.url(App.PAYMENTS));
            String proxiedLraApi = coordinatorProxy.url() + "/lra-coordinator";
            system.configure(App.COORDINATOR, "lra-saga.transactions.coordinator-url", proxiedLraApi)
                    .configure(App.COORDINATOR, "lra-saga.transactions.end-timeout", END_TIMEOUT)
                    .configure(App.COORDINATOR, "lra-saga.transactions.tags." + PAYMENTS_HELD + ".url",
                            paymentsProxy.url());
            for (App service : List.of(App.ORDERS, App.INVENTORY, App.PAYMENTS, App.ACTIVITY)) {
                system.configure(service, "lra-saga.participant.trusted-coordinators",
                        system.coordinatorUrl() + "," + proxiedLraApi);
            }
            system.start();
            invariants = new Invariants(system);
            return new Running();
        } catch (IOException e) {
            new Running().close();
            throw new IllegalStateException("the transactions system did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            new Running().close();
            throw new IllegalStateException(e);
        }
    }

    static LocalSystem system() {
        return system;
    }

    static Invariants invariants() {
        return invariants;
    }

    /** In front of the coordinator's LRA API as the transactions executor calls it. */
    static HoldingProxy coordinatorProxy() {
        return coordinatorProxy;
    }

    /** In front of payments, for steps addressed to {@value #PAYMENTS_HELD}. */
    static HoldingProxy paymentsProxy() {
        return paymentsProxy;
    }

    /** Basic credentials of the coordinator's operator (admin API). */
    static Map<String, String> operator() {
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(("operator:"
                + system.adminPassword()).getBytes(StandardCharsets.UTF_8)));
    }

    /** An inventory database connection, to change a row behind the services' back as an outside writer would. */
    static java.sql.Connection inventoryDatabase() throws java.sql.SQLException {
        Map<String, String> properties = system.properties(App.INVENTORY);
        return java.sql.DriverManager.getConnection(properties.get("quarkus.datasource.jdbc.url"),
                properties.get("quarkus.datasource.username"), properties.get("quarkus.datasource.password"));
    }

    // ---- fixtures

    static String newId() {
        return "tx-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String product(int stock) {
        String sku = newId();
        assertEquals(201, http.post(system.url(App.INVENTORY) + "/products",
                Map.of("sku", sku, "name", "tx item", "price", new BigDecimal("4.00"), "stock", stock)).status());
        return sku;
    }

    static String customer(String balance) {
        String id = newId();
        assertEquals(201, http.post(system.url(App.PAYMENTS) + "/accounts",
                Map.of("customerId", id, "balance", new BigDecimal(balance))).status());
        return id;
    }

    static int stock(String sku) {
        return http.get(system.url(App.INVENTORY) + "/products/" + sku).body().path("stock").asInt();
    }

    static String productName(String sku) {
        return http.get(system.url(App.INVENTORY) + "/products/" + sku).text("name");
    }

    static BigDecimal balance(String customer) {
        return http.get(system.url(App.PAYMENTS) + "/accounts/" + customer).body().path("balance").decimalValue();
    }

    static JsonNode events(String user) {
        return http.get(system.url(App.ACTIVITY) + "/events?userId=" + user).body();
    }

    static Map<String, Object> from(String type, String tag, String entity) {
        return Map.of("type", type, "tag", tag, "entity", entity);
    }

    static Map<String, Object> step(String operation, Map<String, Object> from, Object where, Object data) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("operation", operation);
        step.put("from", from);
        if (where != null) {
            step.put("where", where);
        }
        if (data != null) {
            step.put("data", data);
        }
        return step;
    }

    static Map<String, Object> decrementStock(String sku, int quantity) {
        return step("update", from("database", "inventory-db", "Product"),
                Map.of("sku", Map.of("$eq", sku), "stock", Map.of("$gte", quantity)),
                Map.of("stock", Map.of("$decrement", quantity)));
    }

    static Map<String, Object> renameProduct(String sku, String name) {
        return step("update", from("database", "inventory-db", "Product"), Map.of("sku", sku), Map.of("name", name));
    }

    static Map<String, Object> event(String user, String type) {
        return step("insert", from("document", "activity-docs", "ActivityEvent"), null,
                Map.of("userId", user, "type", type));
    }

    static Reply transaction(List<Map<String, Object>> steps, Map<String, Object> options) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("steps", steps);
        if (options != null) {
            body.put("options", options);
        }
        return http.post(system.url(App.COORDINATOR) + "/transactions", body);
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    static void assertNoUnfinishedLras() {
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(250)).until(() -> invariants.unfinishedLras().isEmpty());
    }

    /** An LRA of the test's own that holds {@code sku} (a non-commutative change locks the row). */
    static String lraHolding(String sku) {
        String lra = http.post(system.coordinatorUrl() + "/start?ClientID=tx-it-blocker&TimeLimit=120000", "")
                .body().asText();
        Reply held = http.post(system.url(App.INVENTORY) + "/lra-saga/data/Product",
                Map.of("operation", "update", "where", Map.of("sku", sku), "data", Map.of("name", "held")),
                Map.of("Long-Running-Action", lra));
        assertEquals(200, held.status(), held.body().toString());
        return lra;
    }

    static double inventoryConflicts() {
        String metrics = http.get(system.url(App.INVENTORY) + "/q/metrics").body().asText();
        Matcher m = Pattern.compile("(?m)^lra_saga_participant_conflicts_total(?:\\{[^}]*})? ([0-9.eE+]+)$")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
