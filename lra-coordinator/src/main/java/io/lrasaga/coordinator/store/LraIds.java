package io.lrasaga.coordinator.store;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An LRA is named by its Narayana uid, the last path segment of its URL. Operators paste
 * either; both resolve to the uid.
 */
public final class LraIds {

    // Narayana's Uid.fileStringForm(): hex/decimal parts separated by '_' (with optional '-').
    private static final Pattern UID = Pattern.compile("[0-9a-fA-F_:\\-]{5,120}");

    private LraIds() {
    }

    /** The uid named by {@code idOrUrl} (a uid, an LRA URL, or a URL-encoded LRA URL), if well formed. */
    public static Optional<String> uid(String idOrUrl) {
        if (idOrUrl == null || idOrUrl.isBlank()) {
            return Optional.empty();
        }
        String value = idOrUrl.strip();
        if (value.contains("%")) {
            try {
                value = URLDecoder.decode(value, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notEncoded) {
                return Optional.empty();
            }
        }
        if (value.contains("/")) {
            try {
                String path = URI.create(value).getPath();
                if (path == null) {
                    return Optional.empty();
                }
                while (path.endsWith("/")) {
                    path = path.substring(0, path.length() - 1);
                }
                value = path.substring(path.lastIndexOf('/') + 1);
            } catch (IllegalArgumentException notAUri) {
                return Optional.empty();
            }
        }
        return UID.matcher(value).matches() ? Optional.of(value) : Optional.empty();
    }

    /**
     * A URI Narayana's LRAService resolves to this uid: it compares the last path segment
     * when the exact URI is unknown, so the host part does not matter.
     */
    public static URI lookupUri(String uid) {
        return URI.create("http://localhost/lra-coordinator/" + uid);
    }

    public static String uidOf(URI lraId) {
        String path = lraId.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
