package io.lrasaga.coordinator.tracking;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Link;

/**
 * The callback URLs a participant registered, from the Link header it joined with
 * ({@code <url>; rel="compensate", ...}) or, for the old plain form, from its base URL.
 */
public final class ParticipantLinks {

    private ParticipantLinks() {
    }

    public static Map<String, URI> parse(String registered) {
        Map<String, URI> links = new LinkedHashMap<>();
        if (registered == null || registered.isBlank()) {
            return links;
        }
        if (!registered.strip().startsWith("<")) {
            String base = registered.strip();
            links.put("compensate", URI.create(base + "/compensate"));
            links.put("complete", URI.create(base + "/complete"));
            links.put("status", URI.create(base));
            return links;
        }
        // Link values hold no commas in practice (Narayana splits on them the same way).
        for (String part : registered.split(",")) {
            try {
                Link link = Link.valueOf(part.strip());
                if (link.getRel() != null) {
                    links.put(link.getRel(), link.getUri());
                }
            } catch (IllegalArgumentException malformed) {
                // keep what parses; the raw value is reported as well
            }
        }
        return links;
    }
}
