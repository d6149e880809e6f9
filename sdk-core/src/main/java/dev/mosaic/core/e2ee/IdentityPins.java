package dev.mosaic.core.e2ee;

import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/**
 * Identity-key pins (docs/e2ee.md, "Pieces": pins): within a session a participant's {@code ik} may never
 * change (a hard error); across sessions a user's {@code ik} is trusted on first use and a change
 * is reported so the UI can warn "key changed".
 */
public final class IdentityPins {
    /** What pinning a user's key found. */
    public enum Continuity {
        FIRST_SEEN,
        SAME,
        CHANGED
    }

    private final Map<String, byte[]> bySession = new HashMap<>();
    private final Map<String, byte[]> byUser;

    public IdentityPins() {
        this(new HashMap<>());
    }

    /** {@code userPins} may be a persistent map (userId → ik) kept by the application. */
    public IdentityPins(Map<String, byte[]> userPins) {
        this.byUser = userPins;
    }

    /** Pins {@code ik} for {@code participantId}, or throws {@link E2eeException.Reason#IDENTITY_CHANGED}. */
    public synchronized void pinForSession(String participantId, byte[] ik) {
        byte[] pinned = bySession.putIfAbsent(participantId, ik.clone());
        if (pinned != null && !MessageDigest.isEqual(pinned, ik)) {
            throw new E2eeException(
                    E2eeException.Reason.IDENTITY_CHANGED,
                    participantId + " presented a different identity key in this session");
        }
    }

    /** Trust on first use per user; CHANGED replaces the pin, so warn the user before relying on it. */
    public synchronized Continuity pinForUser(String userId, byte[] ik) {
        byte[] previous = byUser.put(userId, ik.clone());
        if (previous == null) {
            return Continuity.FIRST_SEEN;
        }
        return MessageDigest.isEqual(previous, ik) ? Continuity.SAME : Continuity.CHANGED;
    }

    /** A new session starts: the per-participant pins end, the per-user ones stay. */
    public synchronized void newSession() {
        bySession.clear();
    }
}
