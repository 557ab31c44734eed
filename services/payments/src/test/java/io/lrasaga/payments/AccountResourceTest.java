package io.lrasaga.payments;

import static io.restassured.RestAssured.given;
import static io.restassured.config.JsonConfig.jsonConfig;
import static io.restassured.path.json.config.JsonPathConfig.NumberReturnType.BIG_DECIMAL;
import static org.hamcrest.Matchers.comparesEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.math.BigDecimal;

import io.lrasaga.testing.CoordinatorResource;
import io.lrasaga.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(CoordinatorResource.class)
class AccountResourceTest {

    // Money read as BigDecimal: the default Float would compare amounts only approximately.
    private static final RestAssuredConfig EXACT = RestAssuredConfig.config().jsonConfig(jsonConfig().numberReturnType(BIG_DECIMAL));

    @Test
    void createsAndReadsAnAccount() {
        given().config(EXACT).contentType(ContentType.JSON)
                .body("{\"customerId\":\"ann@example.com\",\"balance\":125.50}")
                .when().post("/accounts")
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .body("customerId", equalTo("ann@example.com"), "balance", comparesEqualTo(new BigDecimal("125.50")));

        given().config(EXACT).when().get("/accounts/ann@example.com")
                .then().statusCode(200)
                .body("customerId", equalTo("ann@example.com"), "balance", comparesEqualTo(new BigDecimal("125.50")));
    }

    @Test
    void refusesADuplicateCustomerAndKeepsTheFirst() {
        given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"at-dup\",\"balance\":10}")
                .post("/accounts").then().statusCode(201);
        given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"at-dup\",\"balance\":20}")
                .post("/accounts")
                .then().statusCode(409).contentType("application/problem+json").body("type", equalTo("already-exists"));
        given().config(EXACT).get("/accounts/at-dup").then().body("balance", comparesEqualTo(new BigDecimal("10")));
    }

    @Test
    void unknownCustomerIsANotFoundProblem() {
        given().when().get("/accounts/nope")
                .then().statusCode(404).contentType("application/problem+json").body("type", equalTo("not-found"));
    }

    @Test
    void invalidAccountsAreRefusedNamingTheFieldAndNothingIsWritten() {
        given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"at-bad\",\"balance\":-0.01}")
                .post("/accounts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("validation"), "errors.field", hasItem("balance"));
        given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"at-bad\",\"balance\":1.005}")
                .post("/accounts")
                .then().statusCode(400).body("type", equalTo("validation"), "errors.field", hasItem("balance"));
        given().contentType(ContentType.JSON)
                .body("{\"balance\":1}")
                .post("/accounts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("validation"), "errors.field", hasItem("customerId"));
        given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"at bad!\",\"balance\":1}")
                .post("/accounts")
                .then().statusCode(400).body("type", equalTo("validation"), "errors.field", hasItem("customerId"));
        given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"at-bad\",\"balance\":\"lots\"}")
                .post("/accounts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("malformed-request"), "errors.field", hasItem("balance"));
        given().contentType(ContentType.JSON)
                .body("{\"customerId\":\"at-bad\",")
                .post("/accounts")
                .then().statusCode(400).contentType("application/problem+json").body("type", equalTo("malformed-request"));
        given().contentType(ContentType.JSON)
                .post("/accounts")
                .then().statusCode(400).contentType("application/problem+json");

        given().get("/accounts/at-bad").then().statusCode(404);
    }
}
