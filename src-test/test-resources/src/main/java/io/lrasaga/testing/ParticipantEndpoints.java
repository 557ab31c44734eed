package io.lrasaga.testing;

import static io.restassured.RestAssured.given;
import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The lra-saga participant endpoints of the service under test, as the coordinator sees them. */
public final class ParticipantEndpoints {

    private ParticipantEndpoints() {
    }

    /** What the service's ledger says of the LRA (Active, Completed, ...), or the error body. */
    public static String participantStatus(URI lra) {
        return given().header(LRA_HTTP_CONTEXT_HEADER, lra.toASCIIString()).get("/lra-saga/participant/status")
                .then().extract().asString();
    }

    /**
     * How many times the service learnt a callback's LRA status {@code by} "signature" (the
     * coordinator's signed statement on the callback) or by asking the "coordinator".
     */
    public static double statusConfirmations(String by) {
        Matcher counter = Pattern.compile("(?m)^lra_saga_participant_status_confirmations_total\\{[^}]*by=\"" + by
                + "\"[^}]*} (\\S+)$").matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        return counter.find() ? Double.parseDouble(counter.group(1)) : 0;
    }
}
