package io.lrasaga.activity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.lrasaga.testing.CoordinatorResource;
import io.lrasaga.testing.MongoResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The launcher waits on readiness, so it must cover the store and succeed against the wire server. */
@QuarkusTest
@WithTestResource(MongoResource.class)
// The coordinator has no signed-callbacks key here (the other services' tests have one):
// activity's callbacks are confirmed by asking the coordinator, the path without signing.
@WithTestResource(value = CoordinatorResource.class, initArgs = @ResourceArg(name = CoordinatorResource.COORDINATOR_SIGNS,
        value = "false"))
class ReadinessTest {

    @Test
    void readinessIncludesMongoDb() {
        given().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"), "checks.name", hasItem(startsWith("MongoDB")));
    }
}
