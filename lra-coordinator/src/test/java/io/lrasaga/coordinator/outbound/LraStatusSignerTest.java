package io.lrasaga.coordinator.outbound;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import io.lrasaga.signedcallbacks.StatusAttestation;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The coordinator signs the LRA's status onto its callbacks with the configured key: what a
 * participant holding the same key verifies, for that LRA only.
 */
@QuarkusTest
class LraStatusSignerTest {

    @ConfigProperty(name = "lra-saga.signed-callbacks.key")
    String key;

    @Test
    void aCompleteCarriesTheSignedStatusClosing() {
        SignatureProbe.Call call = endWith("close");
        assertEquals("complete", call.callback());
        assertEquals(Optional.of("Closing"), participant().verify(call.signedStatus(), call.lra()));
    }

    @Test
    void aCompensateCarriesTheSignedStatusCancelling() {
        SignatureProbe.Call call = endWith("cancel");
        assertEquals("compensate", call.callback());
        assertEquals(Optional.of("Cancelling"), participant().verify(call.signedStatus(), call.lra()));
        assertEquals(Optional.empty(), participant().verify(call.signedStatus(), call.lra() + "0"),
                "the statement is about this LRA only");
    }

    private StatusAttestation participant() {
        return StatusAttestation.of(key, Duration.ofSeconds(30), Clock.systemUTC());
    }

    private static SignatureProbe.Call endWith(String end) {
        String participant = "probe-" + UUID.randomUUID();
        String lra = given().queryParam("ClientID", participant).queryParam("TimeLimit", 60_000)
                .post("/lra-coordinator/start").then().statusCode(201).extract().asString();
        given().contentType("text/plain")
                .body("http://localhost:" + RestAssured.port + "/signature-probe/" + participant)
                .put(lra).then().statusCode(200);
        given().put(lra + "/" + end).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> !SignatureProbe.of(participant).isEmpty());
        SignatureProbe.Call call = SignatureProbe.of(participant).get(0);
        assertEquals(lra, call.lra());
        return call;
    }
}
