package io.lrasaga.inventory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.lrasaga.testing.CoordinatorResource;
import io.lrasaga.testing.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(CoordinatorResource.class)
class ProductResourceTest {

    @Test
    void createsAndReadsAProduct() {
        given().contentType(ContentType.JSON)
                .body("{\"sku\":\"pt-1\",\"name\":\"Pen\",\"price\":1.25,\"stock\":7}")
                .when().post("/products")
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .body("sku", equalTo("pt-1"), "stock", equalTo(7));

        given().when().get("/products/pt-1")
                .then().statusCode(200)
                .body("name", equalTo("Pen"), "price", equalTo(1.25f), "stock", equalTo(7));
    }

    @Test
    void refusesADuplicateSkuAndKeepsTheFirst() {
        given().contentType(ContentType.JSON)
                .body("{\"sku\":\"pt-dup\",\"name\":\"First\",\"price\":1,\"stock\":1}")
                .post("/products").then().statusCode(201);
        given().contentType(ContentType.JSON)
                .body("{\"sku\":\"pt-dup\",\"name\":\"Second\",\"price\":2,\"stock\":2}")
                .post("/products")
                .then().statusCode(409).contentType("application/problem+json").body("type", equalTo("already-exists"));
        given().get("/products/pt-dup").then().body("name", equalTo("First"));
    }

    @Test
    void unknownSkuIsANotFoundProblem() {
        given().when().get("/products/nope")
                .then().statusCode(404).contentType("application/problem+json").body("type", equalTo("not-found"));
    }

    @Test
    void invalidProductsAreRefusedNamingTheFieldAndNothingIsWritten() {
        given().contentType(ContentType.JSON)
                .body("{\"sku\":\"pt-bad\",\"name\":\"Bad\",\"price\":1,\"stock\":-1}")
                .post("/products")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("validation"), "errors.field", hasItem("stock"));
        given().contentType(ContentType.JSON)
                .body("{\"sku\":\"pt-bad\",\"price\":1,\"stock\":1}")
                .post("/products")
                .then().statusCode(400).body("errors.field", hasItem("name"));
        given().contentType(ContentType.JSON)
                .body("{\"sku\":\"pt-bad\",\"name\":\"Bad\",\"price\":1,\"stock\":\"many\"}")
                .post("/products")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("malformed-request"), "errors.field", hasItem("stock"));
        given().contentType(ContentType.JSON)
                .body("{\"sku\":\"pt-bad\",")
                .post("/products")
                .then().statusCode(400).contentType("application/problem+json").body("type", equalTo("malformed-request"));
        given().contentType(ContentType.JSON)
                .post("/products")
                .then().statusCode(400).contentType("application/problem+json");

        given().get("/products/pt-bad").then().statusCode(404);
    }
}
