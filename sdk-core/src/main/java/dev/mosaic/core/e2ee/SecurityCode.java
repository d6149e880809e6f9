package dev.mosaic.core.e2ee;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The 30-digit security code everyone compares aloud (docs/e2ee.md, "Pieces": security code):
 * Digits6x5(SHA-256("WMX1 security code" ‖ lp(roomId) ‖ lp(sessionId) ‖ for members sorted by
 * participantId: lp(id) ‖ ik ‖ lp(name))), name being the display name the member signed in its hello.
 * A server that substitutes anyone's key, or the name someone signed, changes someone's code.
 */
public final class SecurityCode {
    private SecurityCode() {}

    public static String compute(String roomId, String sessionId, List<RosterMember> members) {
        List<RosterMember> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.comparing(RosterMember::participantId));
        ByteWriter w = new ByteWriter().label("WMX1 security code").lp(roomId).lp(sessionId);
        for (RosterMember m : sorted) {
            w.lp(m.participantId()).bytes(m.ik()).lp(m.name());
        }
        return digits6x5(w.sha256());
    }

    /** Six 5-byte big-endian chunks, each mod 100000, zero-padded to 5 digits, joined by spaces. */
    public static String digits6x5(byte[] hash) {
        StringBuilder sb = new StringBuilder(35);
        for (int chunk = 0; chunk < 6; chunk++) {
            long v = 0;
            for (int i = 0; i < 5; i++) {
                v = v << 8 | (hash[chunk * 5 + i] & 0xFF);
            }
            if (chunk > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%05d", v % 100_000));
        }
        return sb.toString();
    }
}
