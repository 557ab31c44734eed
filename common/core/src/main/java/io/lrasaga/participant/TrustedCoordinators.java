package io.lrasaga.participant;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides whether an LRA id (a URL at its coordinator) belongs to a coordinator this service
 * trusts. Everything the runtime sends to a coordinator (join, status checks) goes to the
 * host named in the LRA id, so an untrusted one would let a caller aim those calls anywhere.
 */
@Singleton
public class TrustedCoordinators {

    private final List<URI> trusted;

    TrustedCoordinators(ParticipantConfig config,
            @ConfigProperty(name = "quarkus.lra.coordinator-url") String coordinatorUrl) {
        this.trusted = config.trustedCoordinators().orElse(List.of(coordinatorUrl)).stream()
                .map(TrustedCoordinators::normalized)
                .toList();
    }

    public boolean trusts(String lraId) {
        URI lra;
        try {
            lra = normalized(lraId);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        for (URI base : trusted) {
            if (base.getScheme().equals(lra.getScheme())
                    && base.getHost().equals(lra.getHost())
                    && port(base) == port(lra)
                    && lra.getPath().startsWith(base.getPath() + "/")
                    && lra.getRawQuery() == null && lra.getRawFragment() == null
                    && !hasDotSegment(lra.getPath())) {
                return true;
            }
        }
        return false;
    }

    // "." or ".." anywhere (also percent-encoded: getPath() decodes) would let the LRA id name
    // another resource of the coordinator's host once a client or server normalises the path.
    private static boolean hasDotSegment(String path) {
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    public List<URI> trusted() {
        return trusted;
    }

    private static URI normalized(String url) {
        URI uri = URI.create(url.trim());
        if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("not an absolute http(s) URL: " + url);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("not an http(s) URL: " + url);
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment()));
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return uri.getScheme().equals("https") ? 443 : 80;
    }
}
