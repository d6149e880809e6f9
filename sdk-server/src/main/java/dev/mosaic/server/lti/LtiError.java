package dev.mosaic.server.lti;

/**
 * A refused LTI login or launch: a stable {@code code} (documented in docs/lti.md), the HTTP status,
 * and a message written for the teacher or LMS administrator who reads the error page.
 */
public final class LtiError extends Exception {
    private final String code;
    private final int status;

    public LtiError(String code, int status, String message) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    static LtiError badRequest(String code, String message) {
        return new LtiError(code, 400, message);
    }

    static LtiError unauthorized(String code, String message) {
        return new LtiError(code, 401, message);
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
