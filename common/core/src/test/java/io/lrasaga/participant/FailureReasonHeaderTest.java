package io.lrasaga.participant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class FailureReasonHeaderTest {

    @Test
    void visibleAsciiStaysReadableAndEverythingElseIsPercentEncoded() {
        assertEquals("Product 3.name is caf%C3%A9,%0Achanged (100%25 + 1)",
                FailureReasonHeader.encode(" Product 3.name is café,\nchanged (100% + 1)\n"));
    }

    @Test
    void aPercentDecoderThatLeavesPlusAloneGivesTheReasonBack() {
        String reason = "Account 9.balance is 5 €, changed since the saga set it to 7; +tax 20%";
        String header = FailureReasonHeader.encode(reason);
        assertTrue(header.chars().allMatch(c -> c >= 0x20 && c < 0x7f), header);
        assertEquals(reason, URLDecoder.decode(header.replace("+", "%2B"), StandardCharsets.UTF_8));
    }

    @Test
    void aLongReasonIsCut() {
        String header = FailureReasonHeader.encode("x".repeat(5000));
        assertEquals("x".repeat(FailureReasonHeader.MAX_CHARS - 1) + "%E2%80%A6", header);
    }
}
