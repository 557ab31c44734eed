package io.lrasaga.testing;

import static io.restassured.RestAssured.given;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.net.URI;

/** The lra-saga participant endpoints of the service under test, as the coordinator sees them. */
public final class ParticipantEndpoints {

    private ParticipantEndpoints() {
    }

    /** What the service's ledger says of the LRA (Active, Completed, ...), or the error body. */
    public static String participantStatus(URI lra) {
        return given().header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString()).get("/lra-saga/participant/status")
                .then().extract().asString();
    }
}
