package io.lrasaga.coordinator.tracking;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.Link;

/**
 * The callback URLs a participant registered, from the Link header it joined with
 * ({@code <url>; rel="compensate", ...}) or, for the old plain form, from its base URL.
 * <p>
 * The tracker reads them for every LRA that ends, about twenty links per order saga: the plain
 * form every participant sends is read here directly, since RESTEasy's {@code Link.valueOf}
 * builds each URL through a URI template (3 % of the coordinator's CPU). Anything else (a
 * template, a parameter with a comma or a semicolon in quotes, …) goes to {@code Link.valueOf}.
 */
public final class ParticipantLinks {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    private static final Pattern NEEDS_UNESCAPING = Pattern.compile("[\"\\\\]");

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
            String value = part.strip();
            Plain plain = plain(value);
            if (plain != null) {
                if (plain.rel() != null) {
                    links.put(plain.rel(), plain.uri());
                }
            } else {
                try {
                    Link link = Link.valueOf(value);
                    if (link.getRel() != null) {
                        links.put(link.getRel(), link.getUri());
                    }
                } catch (IllegalArgumentException malformed) {
                    // keep what parses; the raw value is reported as well
                }
            }
        }
        return links;
    }

    /**
     * Whether {@code link} has the plain form: then {@code Link.valueOf} reads it too, to the
     * same URL and rel (ParticipantLinksTest), without the cost.
     */
    public static boolean isPlain(String link) {
        return plain(link) != null;
    }

    /** A plain link's rel (null if it has none) and URL. */
    record Plain(String rel, URI uri) {
    }

    /**
     * {@code <http(s)-url>} then {@code ; name="value"} or {@code ; name=token} parameters,
     * nothing quoted that needs unescaping; null for anything else.
     */
    static Plain plain(String value) {
        int close = value.indexOf('>');
        if (!value.startsWith("<") || close < 0) {
            return null;
        }
        String url = value.substring(1, close);
        if (url.indexOf('{') >= 0 || url.indexOf('}') >= 0 || url.indexOf(' ') >= 0) {
            return null;
        }
        String rel = null;
        String rest = value.substring(close + 1).strip();
        while (!rest.isEmpty()) {
            if (rest.charAt(0) != ';') {
                return null;
            }
            int next = rest.indexOf(';', 1);
            String param = (next < 0 ? rest.substring(1) : rest.substring(1, next)).strip();
            rest = next < 0 ? "" : rest.substring(next);
            int equals = param.indexOf('=');
            if (equals <= 0) {
                return null;
            }
            String name = param.substring(0, equals).strip();
            String paramValue = param.substring(equals + 1).strip();
            if (paramValue.startsWith("\"")) {
                if (paramValue.length() < 2 || !paramValue.endsWith("\"")
                        || NEEDS_UNESCAPING.matcher(paramValue).region(1, paramValue.length() - 1).find()) {
                    return null;
                }
                paramValue = paramValue.substring(1, paramValue.length() - 1);
            } else if (!TOKEN.matcher(paramValue).matches()) {
                return null;
            }
            if (!TOKEN.matcher(name).matches()) {
                return null;
            }
            if (name.equals("rel")) {
                if (rel != null) {
                    return null; // RESTEasy joins repeated rels with a space
                }
                rel = paramValue;
            }
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException notPlain) {
            return null;
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            return null;
        }
        return new Plain(rel, uri);
    }
}
