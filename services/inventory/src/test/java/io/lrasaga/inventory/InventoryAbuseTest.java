package io.lrasaga.inventory;

import static io.lrasaga.testing.BadRequest.call;
import static io.lrasaga.testing.BadRequest.post;
import static io.restassured.RestAssured.given;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.lrasaga.testing.BadRequest;
import io.lrasaga.testing.Coordinator;
import io.lrasaga.testing.CoordinatorResource;
import io.lrasaga.testing.ParticipantAbuse;
import io.lrasaga.testing.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public endpoint of inventory with bad input and forged protocol calls: each gets a 4xx
 * problem, the catalogue, stock and reservations stay as they were, and the service keeps
 * serving. docs/reliability.md ("Bad input and abuse") counts these cases.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(CoordinatorResource.class)
class InventoryAbuseTest {

    private static final String SKU = "abuse-sku";
    private static final String VALID_PRODUCT = "{\"sku\":\"abuse-new\",\"name\":\"Thing\",\"price\":1.50,\"stock\":3}";
    private static final String VALID_RESERVATION = "{\"sku\":\"" + SKU + "\",\"quantity\":1}";

    @BeforeEach
    void aProductToReserve() {
        if (given().get("/products/" + SKU).statusCode() == 404) {
            given().contentType(ContentType.JSON)
                    .body("{\"sku\":\"" + SKU + "\",\"name\":\"Thing\",\"price\":2.00,\"stock\":10}")
                    .post("/products").then().statusCode(201);
        }
    }

    /** Products, their stock and the reservations: what no bad request may change. */
    private static String state() {
        return QuarkusTransaction.requiringNew().call(() -> Product.<Product>listAll().stream()
                .map(p -> p.sku + "=" + p.stock + "@" + p.price.toPlainString() + ":" + p.name)
                .sorted().toList() + " reservations=" + Reservation.count());
    }

    private static void serving() {
        given().get("/products/" + SKU).then().statusCode(200).body("sku", equalTo(SKU));
    }

    static Stream<BadRequest> products() {
        List<BadRequest> cases = new ArrayList<>(BadRequest.malformedJson("/products", VALID_PRODUCT, "sku"));
        cases.addAll(List.of(
                product("missing sku", "{\"name\":\"n\",\"price\":1,\"stock\":1}", "validation", "sku"),
                product("missing name", "{\"sku\":\"abuse-x\",\"price\":1,\"stock\":1}", "validation", "name"),
                product("missing price", "{\"sku\":\"abuse-x\",\"name\":\"n\",\"stock\":1}", "validation", "price"),
                product("missing stock", "{\"sku\":\"abuse-x\",\"name\":\"n\",\"price\":1}", "validation", "stock"),
                product("an empty object", "{}", "validation", "sku"),
                product("sku an object", "{\"sku\":{},\"name\":\"n\",\"price\":1,\"stock\":1}", "malformed-request", "sku"),
                product("stock a string", "{\"sku\":\"abuse-x\",\"name\":\"n\",\"price\":1,\"stock\":\"ten\"}",
                        "malformed-request", "stock"),
                product("stock a boolean", "{\"sku\":\"abuse-x\",\"name\":\"n\",\"price\":1,\"stock\":true}",
                        "malformed-request", "stock"),
                product("price a string", "{\"sku\":\"abuse-x\",\"name\":\"n\",\"price\":\"cheap\",\"stock\":1}",
                        "malformed-request", "price"),
                product("stock negative", "{\"sku\":\"abuse-x\",\"name\":\"n\",\"price\":1,\"stock\":-1}", "validation", "stock"),
                product("stock a fraction", "{\"sku\":\"abuse-x\",\"name\":\"n\",\"price\":1,\"stock\":1.5}",
                        "malformed-request", "stock"),
                product("stock Long.MAX+1", "{\"sku\":\"abuse-x\",\"name\":\"n\",\"price\":1,\"stock\":9223372036854775808}",
                        "malformed-request", "stock"),
                product("stock Integer.MAX+1", "{\"sku\":\"abuse-x\",\"name\":\"n\",\"price\":1,\"stock\":2147483648}",
                        "malformed-request", "stock"),
                product("stock 1e400", "{\"sku\":\"abuse-x\",\"name\":\"n\",\"price\":1,\"stock\":1e400}",
                        "malformed-request", "stock"),
                product("price negative", "{\"sku\":\"abuse-x\",\"name\":\"n\",\"price\":-0.01,\"stock\":1}", "validation", "price"),
                product("price 10^30", "{\"sku\":\"abuse-x\",\"name\":\"n\",\"price\":1000000000000000000000000000000,\"stock\":1}",
                        "validation", "price"),
                product("price 1e400", "{\"sku\":\"abuse-x\",\"name\":\"n\",\"price\":1e400,\"stock\":1}", "validation", "price"),
                product("price 1e-400", "{\"sku\":\"abuse-x\",\"name\":\"n\",\"price\":1e-400,\"stock\":1}", "validation", "price"),
                product("price with 3 decimals", "{\"sku\":\"abuse-x\",\"name\":\"n\",\"price\":1.005,\"stock\":1}",
                        "validation", "price"),
                product("sku blank", "{\"sku\":\"  \",\"name\":\"n\",\"price\":1,\"stock\":1}", "validation", "sku"),
                product("sku 65 characters", "{\"sku\":\"" + "s".repeat(65) + "\",\"name\":\"n\",\"price\":1,\"stock\":1}",
                        "validation", "sku"),
                product("sku with a slash", "{\"sku\":\"../etc\",\"name\":\"n\",\"price\":1,\"stock\":1}", "validation", "sku"),
                product("sku ..", "{\"sku\":\"..\",\"name\":\"n\",\"price\":1,\"stock\":1}", "validation", "sku"),
                product("sku with a NUL", "{\"sku\":\"a\\u0000b\",\"name\":\"n\",\"price\":1,\"stock\":1}", "validation", "sku"),
                product("name 201 characters", "{\"sku\":\"abuse-x\",\"name\":\"" + "n".repeat(201) + "\",\"price\":1,\"stock\":1}",
                        "validation", "name"),
                product("name 100 kB", "{\"sku\":\"abuse-x\",\"name\":\"" + "n".repeat(100_000) + "\",\"price\":1,\"stock\":1}",
                        "validation", "name"),
                new BadRequest("an existing sku", "POST", "/products", BadRequest.JSON, BadRequest.JSON, java.util.Map.of(),
                        "{\"sku\":\"" + SKU + "\",\"name\":\"Other\",\"price\":9,\"stock\":99}", 409, "already-exists", null)));
        return cases.stream();
    }

    private static BadRequest product(String name, String body, String type, String field) {
        return post("/products", name, body, 400, type, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void products(BadRequest bad) {
        bad.assertRefusedChangingNothing(InventoryAbuseTest::state, InventoryAbuseTest::serving);
    }

    static Stream<BadRequest> reads() {
        return Stream.of(
                call("GET", "/products/no-such-sku", "an unknown sku", 404, "not-found", null),
                call("GET", "/products/..%2F..%2Fetc%2Fpasswd", "an encoded path traversal", 404, "not-found", null),
                call("GET", "/products/%00", "a NUL", 404, "not-found", null),
                call("GET", "/products/" + "x".repeat(4000), "a 4000-character sku", 404, "not-found", null),
                call("GET", "/products/" + SKU + "?view=everything", "an unknown view", 400, "validation", "view"),
                call("GET", "/products/" + SKU, "Accept application/xml", 406, "not-acceptable", null)
                        .accept("application/xml"),
                call("DELETE", "/products/" + SKU, "DELETE, which is not offered", 405, "method-not-allowed", null),
                call("PUT", "/products/" + SKU, "PUT, which is not offered", 405, "method-not-allowed", null),
                call("GET", "/no-such-path", "an unknown path", 404, "not-found", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void reads(BadRequest bad) {
        bad.assertRefusedChangingNothing(InventoryAbuseTest::state, InventoryAbuseTest::serving);
    }

    static Stream<BadRequest> reservations() {
        URI lra = Coordinator.ofServiceUnderTest().start("inventory-abuse", Duration.ofMinutes(5));
        String header = lra.toASCIIString();
        String base = header.substring(0, header.lastIndexOf('/'));
        List<BadRequest> cases = new ArrayList<>();
        for (BadRequest bad : BadRequest.malformedJson("/reservations", VALID_RESERVATION, "sku")) {
            cases.add(bad.header(LRA_HTTP_CONTEXT_HEADER, header));
        }
        cases.addAll(List.of(
                reservation("missing quantity", "{\"sku\":\"" + SKU + "\"}", 400, "validation", "quantity"),
                reservation("missing sku", "{\"quantity\":1}", 400, "validation", "sku"),
                reservation("quantity zero", "{\"sku\":\"" + SKU + "\",\"quantity\":0}", 400, "validation", "quantity"),
                reservation("quantity negative", "{\"sku\":\"" + SKU + "\",\"quantity\":-5}", 400, "validation", "quantity"),
                reservation("quantity over the maximum", "{\"sku\":\"" + SKU + "\",\"quantity\":1000001}", 400,
                        "validation", "quantity"),
                reservation("quantity Long.MAX+1", "{\"sku\":\"" + SKU + "\",\"quantity\":9223372036854775808}", 400,
                        "malformed-request", "quantity"),
                reservation("quantity 1e400", "{\"sku\":\"" + SKU + "\",\"quantity\":1e400}", 400, "malformed-request",
                        "quantity"),
                reservation("quantity a string", "{\"sku\":\"" + SKU + "\",\"quantity\":\"1\"}", 400,
                        "malformed-request", "quantity"),
                reservation("quantity null", "{\"sku\":\"" + SKU + "\",\"quantity\":null}", 400, "validation", "quantity"),
                reservation("sku 65 characters", "{\"sku\":\"" + "s".repeat(65) + "\",\"quantity\":1}", 400,
                        "validation", "sku"),
                reservation("an unknown sku", "{\"sku\":\"no-such-sku\",\"quantity\":1}", 422, "unknown-reference", "sku"),
                reservation("more than the stock", "{\"sku\":\"" + SKU + "\",\"quantity\":1000000}", 409,
                        "insufficient-stock", null)));
        cases.add(post("/reservations", "no Long-Running-Action header", VALID_RESERVATION, 412, "lra-required", null));
        cases.addAll(ParticipantAbuse.lraHeaders("/reservations", VALID_RESERVATION, base));
        return cases.stream();
    }

    private static BadRequest reservation(String name, String body, int status, String type, String field) {
        URI lra = Coordinator.ofServiceUnderTest().start("inventory-abuse", Duration.ofMinutes(5));
        return post("/reservations", name, body, status, type, field).header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void reservations(BadRequest bad) {
        bad.assertRefusedChangingNothing(InventoryAbuseTest::state, InventoryAbuseTest::serving);
    }

    @Test
    void aReservationInAnEndedLraIsRefusedAndTakesNothing() {
        Coordinator coordinator = Coordinator.ofServiceUnderTest();
        URI lra = coordinator.start("inventory-abuse", Duration.ofMinutes(5));
        coordinator.close(lra);
        post("/reservations", "a closed LRA", VALID_RESERVATION, 412, "lra-not-active", null)
                .header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString())
                .assertRefusedChangingNothing(InventoryAbuseTest::state, InventoryAbuseTest::serving);
    }

    @Test
    void forgedAndReplayedCallbacksChangeNothing() {
        ParticipantAbuse.forgedAndReplayedCallbacksChangeNothing(lra -> given().contentType(ContentType.JSON)
                .header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString()).body(VALID_RESERVATION).post("/reservations")
                .then().statusCode(201), InventoryAbuseTest::state, InventoryAbuseTest::serving);
    }
}
