package dev.mosaic.core.e2ee;

/**
 * A message, key or frame that must not be accepted. {@link #reason()} is stable so callers can
 * count and react (drop a frame, warn about a changed key) without parsing messages.
 */
public final class E2eeException extends RuntimeException {
    /** Why something was rejected. Never rename one: the widget uses the same words. */
    public enum Reason {
        /** Bytes do not parse (SFrame header, frame layout, key length). */
        MALFORMED("malformed"),
        /** AEAD authentication failed: wrong key, or ciphertext, header or AAD changed. */
        AUTH_FAILED("auth_failed"),
        /** No key is held for this KID or epoch (not delivered yet, or already deleted). */
        NO_KEY("no_key"),
        /** An Ed25519 signature does not verify. */
        BAD_SIGNATURE("bad_signature"),
        /** A participant presented an identity key other than the one pinned for it. */
        IDENTITY_CHANGED("identity_changed"),
        /** An epoch or chat sequence number that is not newer than one already seen. */
        STALE("stale"),
        /** A wrapped key names another roster than the signed one. */
        ROSTER_MISMATCH("roster_mismatch");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** The stable wire/log code, e.g. {@code auth_failed}. */
        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public E2eeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public E2eeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
