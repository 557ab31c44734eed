package io.lrasaga.coordinator.admin;

import static io.lrasaga.coordinator.admin.AdminFixtures.clientId;
import static io.lrasaga.coordinator.admin.AdminFixtures.operator;
import static io.lrasaga.coordinator.admin.AdminFixtures.start;
import static io.lrasaga.coordinator.admin.AdminFixtures.uid;
import static io.lrasaga.coordinator.admin.AdminFixtures.viewer;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The coordinator under bad input and abuse. Admin API: unauthenticated, wrongly authenticated and
 * under-privileged calls, bad ids and parameters: each a 4xx problem+json that changes nothing.
 * The LRA protocol ({@code /lra-coordinator}, Narayana's own code, open by the specification):
 * bad input gets a 4xx (Narayana's plain-text answers, kept as they are), never a 5xx, and changes
 * no LRA. A bounded flood of starts leaves the coordinator serving. docs/reliability.md
 * ("Bad input and abuse") counts these cases and lists Narayana's answers.
 */
@QuarkusTest
class CoordinatorAbuseTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String LRA_HEADER = "Long-Running-Action";

    /** One bad call of the coordinator. {@code auth}: none, viewer, operator or user:password. */
    record Call(String name, String auth, String method, String path, String contentType, String body,
            Map<String, String> headers, int status, String type) {

        static Call of(String name, String auth, String method, String path, int status, String type) {
            return new Call(name, auth, method, path, null, null, Map.of(), status, type);
        }

        Call body(String contentType, String content) {
            return new Call(name, auth, method, path, contentType, content, headers, status, type);
        }

        Call header(String header, String value) {
            return new Call(name, auth, method, path, contentType, body, Map.of(header, value), status, type);
        }

        ExtractableResponse<Response> send() {
            RequestSpecification request = switch (auth) {
                case "none" -> given();
                case "viewer" -> viewer();
                case "operator" -> operator();
                default -> given().auth().preemptive().basic(auth.split(":", 2)[0], auth.split(":", 2)[1]);
            };
            request.urlEncodingEnabled(false);
            headers.forEach(request::header);
            if (contentType != null) {
                request.contentType(contentType).body(body);
            }
            String resolved = path.replace("%7Bport%7D", String.valueOf(RestAssured.port));
            if (resolved.contains("{active}")) {
                resolved = resolved.replace("{active}", uid(active()));
            }
            return request.request(method, resolved).then().extract();
        }

        @Override
        public String toString() {
            return method + " " + abbreviated(path, 80) + " as " + auth + ": " + name;
        }
    }

    /** Every LRA the coordinator holds, with its status: what no refused call may change. */
    private static List<String> lras() {
        List<Map<String, Object>> all = given().get("/lra-coordinator").then().statusCode(200).extract()
                .jsonPath().getList("$");
        List<String> state = new ArrayList<>();
        for (Map<String, Object> lra : all) {
            state.add(lra.get("lraId") + "=" + lra.get("status"));
        }
        Collections.sort(state);
        return state;
    }

    private static void serving() {
        viewer().get("/admin/summary").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }

    /** Paths name it as {active}: an LRA that stays Active through the test, started on first use. */
    private static String active;

    static synchronized String active() {
        if (active == null) {
            active = start(clientId(), 600_000);
        }
        return active;
    }

    static Stream<Call> admin() {
        String id = "{active}";
        List<Call> cases = new ArrayList<>();
        for (String auth : List.of("none", "operator:wrong", "nobody:viewer-secret", "viewer:operator-secret")) {
            String name = auth.equals("none") ? "no credentials" : "wrong credentials " + auth;
            cases.add(Call.of(name, auth, "GET", "/admin/lras", 401, null));
            cases.add(Call.of(name, auth, "GET", "/admin/summary", 401, null));
            cases.add(Call.of(name, auth, "GET", "/admin/history", 401, null));
            cases.add(Call.of(name, auth, "GET", "/admin/lras/" + id, 401, null));
            cases.add(Call.of(name, auth, "POST", "/admin/lras/" + id + "/cancel", 401, null));
            cases.add(Call.of(name, auth, "POST", "/admin/lras/" + id + "/close", 401, null));
            cases.add(Call.of(name, auth, "POST", "/admin/lras/" + id + "/retry", 401, null));
            cases.add(Call.of(name, auth, "DELETE", "/admin/lras/" + id, 401, null));
            cases.add(Call.of(name, auth, "POST", "/admin/recovery", 401, null));
        }
        cases.add(Call.of("a malformed Basic header", "none", "GET", "/admin/lras", 401, "unauthorized")
                .header("Authorization", "Basic !!!not-base64"));
        cases.add(Call.of("Basic without a colon", "none", "GET", "/admin/lras", 401, "unauthorized")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("operator".getBytes())));
        cases.add(Call.of("a Bearer token", "none", "GET", "/admin/lras", 401, null)
                .header("Authorization", "Bearer abc"));
        for (String action : List.of("cancel", "close", "retry")) {
            cases.add(Call.of("a viewer acting", "viewer", "POST", "/admin/lras/" + id + "/" + action, 403, null));
        }
        cases.add(Call.of("a viewer forgetting", "viewer", "DELETE", "/admin/lras/" + id, 403, null));
        cases.add(Call.of("a viewer running recovery", "viewer", "POST", "/admin/recovery", 403, null));
        cases.add(Call.of("a cross-site cancel", "operator", "POST", "/admin/lras/" + id + "/cancel", 403, "cross-site")
                .header("Sec-Fetch-Site", "cross-site"));
        cases.add(Call.of("a cancel from another origin", "operator", "POST", "/admin/lras/" + id + "/cancel", 403,
                "cross-site").header("Origin", "http://evil.example"));
        cases.add(Call.of("an unknown LRA", "viewer", "GET", "/admin/lras/0_ffff7f000001_1_2_3", 404, "not-found"));
        cases.add(Call.of("cancel of an unknown LRA", "operator", "POST", "/admin/lras/0_ffff7f000001_1_2_3/cancel", 404,
                "not-found"));
        cases.add(Call.of("forget of an unknown LRA", "operator", "DELETE", "/admin/lras/0_ffff7f000001_1_2_3", 404,
                "not-found"));
        cases.add(Call.of("forget of an active LRA", "operator", "DELETE", "/admin/lras/" + id, 409, "lra-active"));
        cases.add(Call.of("retry of an active LRA", "operator", "POST", "/admin/lras/" + id + "/retry", 409,
                "lra-not-retryable"));
        cases.add(Call.of("an id with a path traversal", "viewer", "GET", "/admin/lras/..%2F..%2Fq%2Fhealth", 400,
                "validation"));
        cases.add(Call.of("an id of 4000 characters", "viewer", "GET", "/admin/lras/" + "a".repeat(4000), 400,
                "validation"));
        cases.add(Call.of("an id that is a foreign URL", "viewer", "GET",
                "/admin/lras/http%3A%2F%2Fevil.example%2Flra-coordinator%2F0_ffff7f000001_1_2_3", 404, "not-found"));
        cases.add(Call.of("an unknown history entry", "viewer", "GET", "/admin/history/0_ffff7f000001_1_2_3", 404,
                "not-found"));
        cases.add(Call.of("a bad status filter", "viewer", "GET", "/admin/lras?status=%27%20OR%201%3D1", 400,
                "validation"));
        cases.add(Call.of("a page size of 10^30", "viewer", "GET", "/admin/lras?size=1000000000000000000000000000000", 400,
                "validation"));
        cases.add(Call.of("a negative page", "viewer", "GET", "/admin/history?page=-5", 400, "validation"));
        cases.add(Call.of("a huge page", "viewer", "GET", "/admin/history?page=9223372036854775808", 400, "validation"));
        cases.add(Call.of("a bad duration", "viewer", "GET", "/admin/lras?olderThan=P-1D", 400, "validation"));
        return cases.stream();
    }

    /**
     * {@code type} null: Quarkus' security layer answers (401 with a Basic challenge, 403), with
     * no body; everything else is a problem of ours.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource
    void admin(Call call) {
        active();
        List<String> before = lras();
        ExtractableResponse<Response> answer = call.send();
        String shown = call + " answered " + answer.statusCode() + " " + answer.contentType() + ": "
                + abbreviated(answer.asString(), 300);
        assertEquals(call.status(), answer.statusCode(), shown);
        if (call.status() == 401) {
            String challenge = answer.header("WWW-Authenticate");
            assertTrue(challenge != null && challenge.regionMatches(true, 0, "Basic", 0, 5), shown + " " + challenge);
        }
        if (call.type() == null) {
            assertEquals("", answer.asString(), shown);
        } else {
            assertTrue(answer.contentType().startsWith(PROBLEM), shown);
            assertEquals(call.type(), answer.path("type"), shown);
        }
        assertEquals(before, lras(), call + " changed an LRA");
        serving();
    }

    /**
     * Narayana's LRA API with bad input: the answers are Narayana's (plain text), but always a
     * 4xx, never a 5xx, and no LRA changes.
     */
    static Stream<Call> protocol() {
        String unknown = "http://localhost:{port}/lra-coordinator/0_ffff7f000001_1_2_3";
        return Stream.of(
                Call.of("a TimeLimit that is not a number", "none", "POST", "/lra-coordinator/start?TimeLimit=abc", 0, null),
                Call.of("a TimeLimit of Long.MAX+1", "none", "POST",
                        "/lra-coordinator/start?TimeLimit=9223372036854775808", 0, null),
                Call.of("a parent that is not a URL", "none", "POST", "/lra-coordinator/start?ParentLRA=%25zz", 0, null),
                Call.of("a parent of this coordinator that does not exist", "none", "POST",
                        "/lra-coordinator/start?ParentLRA="
                        + java.net.URLEncoder.encode(unknown, java.nio.charset.StandardCharsets.UTF_8), 0, null),
                Call.of("status of an unknown LRA", "none", "GET", "/lra-coordinator/0_ffff7f000001_1_2_3/status", 0, null),
                Call.of("info of an unknown LRA", "none", "GET", "/lra-coordinator/0_ffff7f000001_1_2_3", 0, null),
                Call.of("close of an unknown LRA", "none", "PUT", "/lra-coordinator/0_ffff7f000001_1_2_3/close", 0, null),
                Call.of("cancel of an unknown LRA", "none", "PUT", "/lra-coordinator/0_ffff7f000001_1_2_3/cancel", 0, null),
                Call.of("renew of an unknown LRA", "none", "PUT", "/lra-coordinator/0_ffff7f000001_1_2_3/renew?TimeLimit=1000",
                        0, null),
                Call.of("a join to an unknown LRA", "none", "PUT", "/lra-coordinator/0_ffff7f000001_1_2_3", 0, null)
                        .body("text/plain", "http://localhost:1/participant"),
                Call.of("a join whose body is not a URL", "none", "PUT", "/lra-coordinator/{active}", 0, null)
                        .body("text/plain", "not a url at all"),
                Call.of("a join with a malformed Link header", "none", "PUT", "/lra-coordinator/{active}", 0, null)
                        .header("Link", "<<<>>>; rel=").body("text/plain", ""),
                Call.of("a leave of a participant never joined", "none", "PUT", "/lra-coordinator/{active}" + "/remove",
                        0, null).body("text/plain", "http://localhost:1/never-joined"),
                Call.of("a status filter that does not exist", "none", "GET", "/lra-coordinator?Status=Bogus", 0, null),
                Call.of("an id of 4000 characters", "none", "GET", "/lra-coordinator/" + "a".repeat(4000) + "/status", 0,
                        null),
                Call.of("a path traversal", "none", "GET", "/lra-coordinator/..%2F..%2Fadmin%2Flras", 0, null),
                Call.of("an unknown action", "none", "PUT", "/lra-coordinator/{active}" + "/explode", 0, null),
                Call.of("DELETE of an LRA", "none", "DELETE", "/lra-coordinator/{active}", 0, null));
    }

    /** Narayana's status for each protocol case, as the test saw it: docs/reliability.md lists them. */
    static final Map<String, Integer> NARAYANA_ANSWERS = new ConcurrentHashMap<>();

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void protocol(Call call) {
        active();
        List<String> before = lras();
        ExtractableResponse<Response> answer = call.send();
        String shown = call + " answered " + answer.statusCode() + " " + answer.contentType() + ": "
                + abbreviated(answer.asString(), 300);
        NARAYANA_ANSWERS.put(call.name(), answer.statusCode());
        System.out.println("NARAYANA " + shown);
        assertTrue(answer.statusCode() >= 400 && answer.statusCode() < 500, shown);
        assertEquals(before, lras(), call + " changed an LRA");
        serving();
    }

    /** Regression: Narayana answered 500 to an unreadable Link header on a join. */
    @Test
    void anUnreadableLinkHeaderIsAProblem() {
        active();
        String before = lras().toString();
        given().header("Link", "<<<>>>; rel=").contentType("text/plain").body("").put("/lra-coordinator/" + uid(active()))
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", org.hamcrest.Matchers.equalTo("validation"),
                        "errors[0].field", org.hamcrest.Matchers.equalTo("Link"));
        assertEquals(before, lras().toString());
    }

    /** Regression: Narayana answered 404 to an unknown parent but left the child LRA Active for ever. */
    @Test
    void aStartUnderAnUnknownParentStartsNothing() {
        String before = lras().toString();
        given().queryParam("ParentLRA", "http://localhost:" + RestAssured.port + "/lra-coordinator/0_ffff7f000001_9_9_9")
                .post("/lra-coordinator/start")
                .then().statusCode(404).contentType(PROBLEM).body("type", org.hamcrest.Matchers.equalTo("not-found"));
        assertEquals(before, lras().toString());
        // A known parent still works: the nested LRA is started.
        String parent = start(clientId(), 600_000);
        String child = given().queryParam("ParentLRA", parent).queryParam("TimeLimit", 600_000)
                .post("/lra-coordinator/start").then().statusCode(201).extract().asString();
        given().put(child + "/cancel").then().statusCode(200);
        given().put(parent + "/cancel").then().statusCode(200);
    }

    /**
     * 500 starts from 8 threads: each answered 201 (or 429/503 if the coordinator sheds load),
     * never anything else; meanwhile and afterwards the admin API and health answer.
     */
    @Test
    void aFloodOfStartsLeavesTheCoordinatorServing() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://localhost:" + RestAssured.port + "/lra-coordinator";
        String client = clientId();
        List<String> started = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger tickets = new AtomicInteger(500);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                work.add(threads.submit(() -> {
                    while (tickets.getAndDecrement() > 0) {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create(base + "/start?ClientID=" + client + "&TimeLimit=600000"))
                                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                                HttpResponse.BodyHandlers.ofString());
                        statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        if (response.statusCode() == 201) {
                            started.add(response.body().trim());
                        }
                    }
                    return null;
                }));
            }
            // The admin API answers while the flood runs.
            viewer().get("/admin/summary").then().statusCode(200);
            for (Future<?> done : work) {
                done.get();
            }
            assertTrue(statuses.keySet().stream().allMatch(s -> s == 201 || s == 429 || s == 503),
                    "answers by status: " + statuses);
            assertEquals(500, statuses.values().stream().mapToInt(AtomicInteger::get).sum());
            assertTrue(started.size() > 0, "answers by status: " + statuses);
            serving();
            viewer().queryParam("clientId", client).queryParam("size", 1).get("/admin/lras").then().statusCode(200)
                    .body("total", org.hamcrest.Matchers.equalTo(started.size()));
            System.out.println("FLOOD " + started.size() + " started, answers by status: " + statuses);
        } finally {
            List<Future<?>> cancels = new ArrayList<>();
            for (String lra : List.copyOf(started)) {
                cancels.add(threads.submit(() -> http.send(HttpRequest.newBuilder(URI.create(lra + "/cancel"))
                        .timeout(Duration.ofSeconds(30)).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.discarding())));
            }
            for (Future<?> cancel : cancels) {
                cancel.get();
            }
            threads.shutdown();
        }
        viewer().queryParam("clientId", client).queryParam("status", "Active").get("/admin/lras").then()
                .statusCode(200).body("total", org.hamcrest.Matchers.equalTo(0));
    }

    private static String abbreviated(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "..." : text;
    }
}
