package dev.mosaic.server.signaling;

/** Which WebSocket close codes end a participant's stay at once instead of keeping it for a resume. */
final class CloseCodes {
    private CloseCodes() {}

    /**
     * 1000 and 1001: the client closed on purpose. 1007 (invalid UTF-8), 1008 (a broken rule) and
     * 1009 (frame too big): the server cut a connection that broke the protocol, and a misbehaving
     * connection must not keep a seat (it would count against the room's capacity) for the grace period.
     */
    static boolean leavesAtOnce(int code) {
        return code == 1000 || code == 1001 || code == 1007 || code == 1008 || code == 1009;
    }
}
