package io.lrasaga.coordinator.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Link;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The links the tracker reads are those RESTEasy's {@code Link.valueOf} reads, whether a
 * participant's header takes the direct path or the fallback.
 */
class ParticipantLinksTest {

    private static String joined(String base, String... rels) {
        StringBuilder header = new StringBuilder();
        for (String rel : rels) {
            header.append(header.isEmpty() ? "" : ",").append('<').append(base).append('/').append(rel)
                    .append(">; rel=\"").append(rel).append("\"; title=\"").append(rel).append(" URI\"; type=\"text/plain\"");
        }
        return header.toString();
    }

    /** What the tracker read before: every part through {@code Link.valueOf}. */
    private static Map<String, URI> viaRestEasy(String registered) {
        Map<String, URI> links = new LinkedHashMap<>();
        for (String part : registered.split(",")) {
            try {
                Link link = Link.valueOf(part.strip());
                if (link.getRel() != null) {
                    links.put(link.getRel(), link.getUri());
                }
            } catch (IllegalArgumentException malformed) {
                // skipped, as the tracker does
            }
        }
        return links;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // the runtime's participants and Narayana's own participant filter
        "http://127.0.0.1:8082/lra-saga/participant",
        "http://orders.shop.svc:8081/orders",
        "https://pay.example.org/a/b%20c/participant",
        "http://127.0.0.1:8084/lra-saga/participant?tenant=t1&x=%2F",
    })
    void theHeadersParticipantsSendAreReadDirectlyAndAsRestEasyReadsThem(String base) {
        String header = joined(base, "compensate", "complete", "status", "forget", "after");
        for (String part : header.split(",")) {
            assertTrue(ParticipantLinks.isPlain(part.strip()), part);
        }
        Map<String, URI> links = ParticipantLinks.parse(header);
        assertEquals(viaRestEasy(header), links);
        assertEquals(URI.create(base + "/complete"), links.get("complete"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<http://h:1/p/compensate>;rel=compensate;type=text/plain",
        "<http://h:1/p/complete>; rel=\"complete\"",
        "<http://h:1/p/status>",
        "<http://h:1/p/status>; title=\"no rel\"",
        "<http://h:1/p/{id}/complete>; rel=\"complete\"",
        "<http://h:1/p/complete>; rel=\"com\\\"plete\"",
        "<http://h:1/p/complete>; rel=\"a;b\"; title=\"x\"",
        "<http://h:1/p/complete> rel=\"complete\"",
        "<relative/complete>; rel=\"complete\"",
        "<http://h:1/p/complete>; rel",
        "<http://h:1/p/complete; rel=\"complete\"",
        "<http://h:1/p/a b>; rel=\"complete\"",
        "<http://h:1/p/complete>; rel=\"complete\"; rel=\"status\"",
        "<http://h:1/p/complete>; REL=\"complete\"",
        "<mailto:x@y>; rel=\"complete\"",
        "<urn:x:y>; rel=\"status\"",
        "<http://h:1/p>; rel=\"\"",
        "<http://[::1]:8080/p/complete>; rel=\"complete\"",
        "<http://h:1/p/complete#part>; rel=\"complete\"",
        "<http://h:1/p/complete?a=1&b=%20>; rel=\"complete\"; title=\"a, b\"",
        "<http://user@h:1/p/complete>;rel=\"complete\" ;type=\"text/plain\"",
    })
    void anyOtherLinkIsReadAsRestEasyReadsIt(String header) {
        assertEquals(viaRestEasy(header), ParticipantLinks.parse(header), header);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<http://h:1/p/{id}/complete>; rel=\"complete\"",
        "<http://h:1/p/complete>; rel=\"com\\\"plete\"",
        "<relative/complete>; rel=\"complete\"",
        "<http://h:1/p/complete> rel=\"complete\"",
        "<mailto:x@y>; rel=\"complete\"",
    })
    void whatItDoesNotReadDirectlyItLeavesToRestEasy(String part) {
        assertFalse(ParticipantLinks.isPlain(part));
    }
}
