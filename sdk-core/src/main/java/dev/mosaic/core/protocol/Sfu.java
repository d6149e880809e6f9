package dev.mosaic.core.protocol;

/** Field checks shared by the SFU messages. */
final class Sfu {
    private Sfu() {}

    static void requireSource(String requestId, String source) throws ProtocolException {
        if (!ClientMessage.SFU_SOURCES.contains(source)) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST, "'source' must be camera or screen, got " + Quoted.of(source), requestId);
        }
    }

    static void requireSdp(String requestId, String sdp) throws ProtocolException {
        requireSdp(requestId, sdp, ClientMessage.MAX_SDP_CHARS);
    }

    static void requireSdp(String requestId, String sdp, int maxChars) throws ProtocolException {
        Fields.require(requestId, "sdp", sdp);
        if (sdp.length() > maxChars) {
            throw new ProtocolException(
                    ErrorCode.TOO_LARGE,
                    "an SDP of " + sdp.length() + " characters exceeds the limit of " + maxChars,
                    requestId);
        }
    }
}
