package io.lrasaga.participant;

import java.nio.charset.StandardCharsets;

/**
 * Why a participant failed, carried next to its status. LRA's status answer is the bare status
 * name as text (Narayana parses the body with {@code ParticipantStatus.valueOf}), so the reason
 * travels in a header the coordinator's protocol code ignores and its admin API reads.
 *
 * <p>Header values must be visible ASCII: every other byte of the reason's UTF-8 form, and
 * {@code %} itself, is percent-encoded (RFC 3986 style, {@code %XX}); a reader decodes it with
 * any percent-decoder that leaves {@code +} alone.
 */
public final class FailureReasonHeader {

    public static final String NAME = "Lra-Saga-Failure-Reason";

    /** Long enough for a field, its value and the saga's value; a header is no place for a report. */
    static final int MAX_CHARS = 1000;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private FailureReasonHeader() {
    }

    public static String encode(String reason) {
        String text = reason.strip();
        if (text.length() > MAX_CHARS) {
            text = text.substring(0, MAX_CHARS - 1) + "…";
        }
        StringBuilder encoded = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '%') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return encoded.toString();
    }
}
