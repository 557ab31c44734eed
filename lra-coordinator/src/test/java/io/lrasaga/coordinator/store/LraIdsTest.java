package io.lrasaga.coordinator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class LraIdsTest {

    private static final String UID = "0_ffff7f000001_-4d1e2a2b_6852a0f3_1a";

    @Test
    void acceptsAUidAUrlAndAnEncodedUrl() {
        String url = "http://localhost:8080/lra-coordinator/" + UID;
        assertEquals(Optional.of(UID), LraIds.uid(UID));
        assertEquals(Optional.of(UID), LraIds.uid(url));
        assertEquals(Optional.of(UID), LraIds.uid(URLEncoder.encode(url, StandardCharsets.UTF_8)));
    }

    @Test
    void refusesAnythingElse() {
        assertEquals(Optional.empty(), LraIds.uid(""));
        assertEquals(Optional.empty(), LraIds.uid("zz"));
        assertEquals(Optional.empty(), LraIds.uid("../etc/passwd"));
        assertEquals(Optional.empty(), LraIds.uid("%zz"));
    }
}
