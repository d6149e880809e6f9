package dev.mosaic.core.client;

import dev.mosaic.core.protocol.ErrorCode;

/** Joining failed: the server's error code and message, or {@code null} code for a network problem. */
public class MeetingException extends Exception {
    private final ErrorCode code;

    public MeetingException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    /** The server's stable error code, or null when the server could not be reached or the wait timed out. */
    public ErrorCode code() {
        return code;
    }
}
