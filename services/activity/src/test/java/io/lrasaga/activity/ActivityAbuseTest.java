package io.lrasaga.activity;

import static io.lrasaga.testing.BadRequest.call;
import static io.lrasaga.testing.BadRequest.post;
import static io.restassured.RestAssured.given;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.mongodb.client.MongoClient;

import io.lrasaga.testing.BadRequest;
import io.lrasaga.testing.Coordinator;
import io.lrasaga.testing.CoordinatorResource;
import io.lrasaga.testing.MongoResource;
import io.lrasaga.testing.ParticipantAbuse;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public endpoint of activity with bad input and forged protocol calls: each gets a 4xx
 * problem, the stored events (and the saga ledger) stay as they were, and the service keeps
 * serving. Unknown top-level fields are not refused here: they are the event's free-form
 * details by design. docs/reliability.md ("Bad input and abuse") counts these cases.
 */
@QuarkusTest
@WithTestResource(MongoResource.class)
// The coordinator has no signed-callbacks key here (the other services' tests have one):
// activity's callbacks are confirmed by asking the coordinator, the path without signing.
@WithTestResource(value = CoordinatorResource.class, initArgs = @ResourceArg(name = CoordinatorResource.COORDINATOR_SIGNS,
        value = "false"))
class ActivityAbuseTest {

    private static final String USER = "abuse-user";
    private static final String VALID_EVENT = "{\"userId\":\"" + USER + "\",\"type\":\"ORDER_PLACED\",\"orderId\":\"o-1\"}";

    @BeforeEach
    void anEventOfTheUser() {
        if (given().queryParam("userId", USER).get("/events").then().extract().jsonPath().getList("$").isEmpty()) {
            URI lra = Coordinator.ofServiceUnderTest().start("activity-abuse", Duration.ofMinutes(5));
            given().contentType(ContentType.JSON).header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString()).body(VALID_EVENT)
                    .post("/events").then().statusCode(201);
            Coordinator.ofServiceUnderTest().close(lra);
        }
    }

    /** Every document of the service's database: what no bad request may change. */
    private static List<String> state() {
        MongoClient mongo = Arc.container().instance(MongoClient.class).get();
        List<String> documents = new ArrayList<>();
        for (String collection : mongo.getDatabase("activity").listCollectionNames()) {
            StreamSupport.stream(mongo.getDatabase("activity").getCollection(collection).find().spliterator(), false)
                    .map(document -> collection + ":" + document.toJson())
                    .sorted()
                    .forEach(documents::add);
        }
        return documents;
    }

    private static void serving() {
        given().queryParam("userId", USER).get("/events").then().statusCode(200).body("$", hasSize(1));
    }

    static Stream<BadRequest> events() {
        String lra = newLra().toASCIIString();
        List<BadRequest> cases = new ArrayList<>();
        for (BadRequest bad : BadRequest.malformedJson("/events", VALID_EVENT, "userId")) {
            if (!bad.name().equals("an unknown field")) {
                cases.add(bad.header(LRA_HTTP_CONTEXT_HEADER, lra));
            }
        }
        cases.addAll(List.of(
                event("missing userId", "{\"type\":\"T\"}", "validation", "userId"),
                event("missing type", "{\"userId\":\"u\"}", "validation", "type"),
                event("userId blank", "{\"userId\":\" \",\"type\":\"T\"}", "validation", "userId"),
                event("userId an object", "{\"userId\":{\"$ne\":null},\"type\":\"T\"}", "malformed-request", "userId"),
                event("type an array", "{\"userId\":\"u\",\"type\":[\"T\"]}", "malformed-request", "type"),
                event("userId 65 characters", "{\"userId\":\"" + "u".repeat(65) + "\",\"type\":\"T\"}", "validation",
                        "userId"),
                event("orderId 65 characters", "{\"userId\":\"u\",\"type\":\"T\",\"orderId\":\"" + "o".repeat(65) + "\"}",
                        "validation", "orderId"),
                event("details not an object", "{\"userId\":\"u\",\"type\":\"T\",\"details\":5}", "malformed-request",
                        "details"),
                event("a detail of 40 significant digits",
                        "{\"userId\":\"u\",\"type\":\"T\",\"n\":1234567890123456789012345678901234567890}",
                        "validation", "details.n"),
                event("a detail of 1e10000", "{\"userId\":\"u\",\"type\":\"T\",\"details\":{\"n\":1e10000}}",
                        "validation", "details.n"),
                event("a detail nested 200 deep", "{\"userId\":\"u\",\"type\":\"T\",\"details\":"
                        + "{\"a\":".repeat(200) + "1" + "}".repeat(200) + "}", "validation", "details" + ".a".repeat(16)),
                event("a detail named $where", "{\"userId\":\"u\",\"type\":\"T\",\"details\":{\"$where\":\"1\"}}",
                        "validation", "details.$where"),
                event("a detail with a dot in its name", "{\"userId\":\"u\",\"type\":\"T\",\"a.b\":1}", "validation",
                        "details.a.b"),
                event("a detail list nested 200 deep", "{\"userId\":\"u\",\"type\":\"T\",\"l\":"
                        + "[".repeat(200) + "]".repeat(200) + "}", "validation", "details.l" + "[0]".repeat(15))));
        cases.add(post("/events", "no Long-Running-Action header", VALID_EVENT, 412, "lra-required", null));
        cases.addAll(ParticipantAbuse.lraHeaders("/events", VALID_EVENT, lra.substring(0, lra.lastIndexOf('/'))));
        return cases.stream();
    }

    private static URI newLra() {
        return Coordinator.ofServiceUnderTest().start("activity-abuse", Duration.ofMinutes(5));
    }

    private static BadRequest event(String name, String body, String type, String field) {
        return post("/events", name, body, 400, type, field).header(LRA_HTTP_CONTEXT_HEADER, newLra().toASCIIString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void events(BadRequest bad) {
        bad.assertRefusedChangingNothing(ActivityAbuseTest::state, ActivityAbuseTest::serving);
    }

    static Stream<BadRequest> reads() {
        return Stream.of(
                call("GET", "/events", "no userId", 400, "validation", "userId"),
                call("GET", "/events?userId=", "an empty userId", 400, "validation", "userId"),
                call("GET", "/events?userId=" + USER + "&view=all", "an unknown view", 400, "validation", "view"),
                call("GET", "/events?userId=" + USER, "Accept application/xml", 406, "not-acceptable", null)
                        .accept("application/xml"),
                call("DELETE", "/events", "DELETE, which is not offered", 405, "method-not-allowed", null),
                call("GET", "/events/x", "an unknown path", 404, "not-found", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void reads(BadRequest bad) {
        bad.assertRefusedChangingNothing(ActivityAbuseTest::state, ActivityAbuseTest::serving);
    }

    /** A query operator in the userId is a string like any other, not a filter over every user. */
    @Test
    void aQueryOperatorAsUserIdMatchesNobody() {
        given().queryParam("userId", "{\"$ne\":null}").get("/events").then().statusCode(200).body("$", empty());
        given().queryParam("userId", ".*").get("/events").then().statusCode(200).body("$", empty());
    }

    @Test
    void anEventInAnEndedLraIsRefusedAndStoresNothing() {
        Coordinator coordinator = Coordinator.ofServiceUnderTest();
        URI lra = coordinator.start("activity-abuse", Duration.ofMinutes(5));
        coordinator.close(lra);
        post("/events", "a closed LRA", VALID_EVENT, 412, "lra-not-active", null)
                .header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString())
                .assertRefusedChangingNothing(ActivityAbuseTest::state, ActivityAbuseTest::serving);
    }

    @Test
    void forgedAndReplayedCallbacksChangeNothing() {
        ParticipantAbuse.forgedAndReplayedCallbacksChangeNothing(lra -> given().contentType(ContentType.JSON)
                .header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString())
                .body("{\"userId\":\"abuse-other\",\"type\":\"T\"}").post("/events")
                .then().statusCode(201), ActivityAbuseTest::state, ActivityAbuseTest::serving);
    }
}
