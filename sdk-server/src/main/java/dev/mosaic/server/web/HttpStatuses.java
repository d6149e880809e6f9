package dev.mosaic.server.web;

import dev.mosaic.core.protocol.ErrorCode;

/**
 * The one place where the wire's error codes become HTTP statuses, so REST clients can react as to any
 * other API (retry after a 429, show a 409 as "not now") without reading the body first.
 * The switch has no default on purpose: a new {@link ErrorCode} does not compile until it gets a status here
 * and a row in docs/rest.md.
 */
public final class HttpStatuses {
    private HttpStatuses() {}

    /** The status a REST answer carries for {@code code}. */
    public static int of(ErrorCode code) {
        return switch (code) {
            case BAD_REQUEST, UNKNOWN_TYPE, UNSUPPORTED_VERSION -> 400;
            case UNAUTHORIZED,
                    TOKEN_MALFORMED,
                    TOKEN_BAD_ALGORITHM,
                    TOKEN_BAD_SIGNATURE,
                    TOKEN_EXPIRED,
                    TOKEN_NOT_YET_VALID,
                    TOKEN_WRONG_ROOM -> 401;
            // Locked by a host: the caller is refused, and asking again will not help until a host unlocks.
            case FORBIDDEN, ROOM_LOCKED -> 403;
            case NOT_FOUND -> 404;
            // Full room: the request is fine, the room's state is in the way (someone may leave).
            case CONFLICT, ROOM_FULL -> 409;
            case TOO_LARGE -> 413;
            case RATE_LIMITED -> 429;
            // The media server is down or refused: not the caller's fault, and worth retrying.
            case SFU_UNAVAILABLE -> 503;
        };
    }
}
