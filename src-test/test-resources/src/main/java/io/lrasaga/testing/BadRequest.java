package io.lrasaga.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * One bad request and the answer it must get: a 4xx application/problem+json with a stable
 * {@code type} (and, for a bad field, its name), nothing changed, and the service still serving.
 * The abuse suites of every service build tables of these.
 *
 * @param name     what is wrong, as the test report shows it
 * @param body     the request body; null sends none
 * @param field    the field the problem must name in {@code errors[].field}; null: not checked
 */
public record BadRequest(String name, String method, String path, String contentType, String accept,
        Map<String, String> headers, String body, int status, String type, String field) {

    public static final String PROBLEM = "application/problem+json";
    public static final String JSON = "application/json";

    /** A JSON body POSTed to {@code path}. */
    public static BadRequest post(String path, String name, String body, int status, String type, String field) {
        return new BadRequest(name, "POST", path, JSON, JSON, Map.of(), body, status, type, field);
    }

    /** A request without a body. */
    public static BadRequest call(String method, String path, String name, int status, String type, String field) {
        return new BadRequest(name, method, path, null, null, Map.of(), null, status, type, field);
    }

    public BadRequest contentType(String value) {
        return new BadRequest(name, method, path, value, accept, headers, body, status, type, field);
    }

    public BadRequest accept(String value) {
        return new BadRequest(name, method, path, contentType, value, headers, body, status, type, field);
    }

    public BadRequest header(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new BadRequest(name, method, path, contentType, accept, Map.copyOf(more), body, status, type, field);
    }

    @Override
    public String toString() {
        return method + " " + path + ": " + name;
    }

    /**
     * The families every JSON endpoint gets, from one valid body: unparseable, truncated, the
     * wrong shape, ambiguous (trailing data, a duplicated key), too deep, too big, and the
     * wrong media types.
     */
    public static List<BadRequest> malformedJson(String path, String validBody, String anyField) {
        List<BadRequest> cases = new ArrayList<>();
        cases.add(post(path, "not JSON", "not json", 400, "malformed-request", null));
        cases.add(post(path, "truncated JSON", validBody.substring(0, validBody.length() / 2), 400,
                "malformed-request", null));
        cases.add(post(path, "an array instead of an object", "[" + validBody + "]", 400, "malformed-request", null));
        cases.add(post(path, "a string instead of an object", "\"" + anyField + "\"", 400, "malformed-request", null));
        cases.add(post(path, "a number instead of an object", "42", 400, "malformed-request", null));
        cases.add(post(path, "JSON null", "null", 400, "validation", "body"));
        cases.add(post(path, "an empty body", null, 400, "validation", "body"));
        cases.add(post(path, "trailing data after the object", validBody + " {}", 400, "malformed-request", null));
        cases.add(post(path, "a duplicated key", "{\"" + anyField + "\":null," + validBody.substring(1), 400,
                "malformed-request", null));
        cases.add(post(path, "an unknown field", validBody.substring(0, validBody.length() - 1)
                + ",\"unexpected\":1}", 400, "malformed-request", "unexpected"));
        cases.add(post(path, "nested 5000 deep", "{\"" + anyField + "\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
                400, "malformed-request", null));
        cases.add(post(path, "a 2 MB body", "{\"" + anyField + "\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}", 413,
                "payload-too-large", null));
        cases.add(post(path, "a number of 2000 digits", "{\"" + anyField + "\":" + "9".repeat(2000) + "}", 400,
                "malformed-request", null));
        cases.add(post(path, "Content-Type text/plain", validBody, 415, "unsupported-media-type", null)
                .contentType("text/plain"));
        cases.add(post(path, "Content-Type application/xml", "<" + anyField + "/>", 415, "unsupported-media-type", null)
                .contentType("application/xml"));
        cases.add(post(path, "Content-Type form", anyField + "=1", 415, "unsupported-media-type", null)
                .contentType("application/x-www-form-urlencoded"));
        cases.add(post(path, "Accept application/xml", validBody, 406, "not-acceptable", null)
                .accept("application/xml"));
        return cases;
    }

    /** Sends it as is (no charset added to the content type, no body encoding by rest-assured). */
    public ExtractableResponse<Response> send() {
        RequestSpecification request = given().config(RestAssuredConfig.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)));
        if (contentType != null) {
            request.contentType(contentType);
        }
        if (accept != null) {
            request.accept(accept);
        }
        headers.forEach(request::header);
        if (body != null && JSON.equals(contentType)) {
            request.body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else if (body != null) {
            request.body(body);
        }
        return request.request(method, path).then().extract();
    }

    /** The answer is this case's problem. */
    public void assertRefused(ExtractableResponse<Response> answer) {
        String shown = this + " answered " + answer.statusCode() + " " + answer.contentType() + ": "
                + abbreviated(answer.asString());
        assertEquals(status, answer.statusCode(), shown);
        assertTrue(answer.contentType() != null && answer.contentType().startsWith(PROBLEM), shown);
        assertEquals(type, answer.path("type"), shown);
        assertEquals(Integer.valueOf(status), answer.path("status"), shown);
        if (field != null) {
            List<String> fields = answer.path("errors.field");
            assertNotNull(fields, shown);
            assertTrue(fields.contains(field), "expected the field " + field + ": " + shown);
        }
    }

    /**
     * Sends it, checks the problem, that {@code state} reads the same before and after, and that
     * {@code serving} (a normal request) still succeeds.
     */
    public void assertRefusedChangingNothing(Supplier<?> state, Runnable serving) {
        Object before = state.get();
        assertRefused(send());
        assertEquals(before, state.get(), this + " changed the data");
        serving.run();
    }

    private static String abbreviated(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }
}
