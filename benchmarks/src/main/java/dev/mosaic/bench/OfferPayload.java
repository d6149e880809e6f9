package dev.mosaic.bench;

/**
 * An offer-sized SDP (about 3 KB, audio + video with the usual codecs and extensions) whose first
 * line carries a marker with the benchmark phase and the send time, so the receiving client can
 * measure one-way relay latency (all clients live in one JVM, so {@link System#nanoTime} is one clock).
 */
public final class OfferPayload {
    public static final int TARGET_CHARS = 3000;
    private static final String MARKER = "BENCH:";
    private static final String BODY = sdpBody();

    private OfferPayload() {}

    /** The SDP as a JSON string literal (quotes included), for phase {@code phase} sent at {@code sentNanos}. */
    public static String json(char phase, long sentNanos) {
        return "\"" + MARKER + phase + ':' + sentNanos + ":\\r\\n" + BODY + "\"";
    }

    /** Phase of a relayed benchmark offer in {@code text}, or 0 if it carries none. */
    public static char phase(String text) {
        int at = text.indexOf(MARKER);
        return at < 0 ? 0 : text.charAt(at + MARKER.length());
    }

    /** Send time embedded in a relayed offer (call only when {@link #phase} is not 0). */
    public static long sentNanos(String text) {
        int start = text.indexOf(MARKER) + MARKER.length() + 2;
        long value = 0;
        boolean negative = text.charAt(start) == '-';
        for (int i = negative ? start + 1 : start; ; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }

    /** The SDP lines JSON-escaped (CRLF as \r\n), padded with candidate lines to about {@link #TARGET_CHARS}. */
    private static String sdpBody() {
        String[] lines = {
            "v=0",
            "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0 1",
            "a=extmap-allow-mixed",
            "a=msid-semantic: WMS stream",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126",
            "c=IN IP4 0.0.0.0",
            "a=rtcp:9 IN IP4 0.0.0.0",
            "a=ice-ufrag:Wb3x",
            "a=ice-pwd:Jf0nHUdkVV2Mm3J4lDcBrSXq",
            "a=ice-options:trickle",
            "a=fingerprint:sha-256 7B:5C:0E:2A:91:34:CF:8D:60:11:4E:AB:3F:9A:D2:77:C8:05:E1:6B:23:90:FA:4D:88:1C:B6:52:0D:E9:73:A4",
            "a=setup:actpass",
            "a=mid:0",
            "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
            "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
            "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
            "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
            "a=sendrecv",
            "a=msid:stream audio-track",
            "a=rtcp-mux",
            "a=rtpmap:111 opus/48000/2",
            "a=rtcp-fb:111 transport-cc",
            "a=fmtp:111 minptime=10;useinbandfec=1",
            "a=rtpmap:63 red/48000/2",
            "a=fmtp:63 111/111",
            "a=rtpmap:9 G722/8000",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:13 CN/8000",
            "a=rtpmap:110 telephone-event/48000",
            "a=rtpmap:126 telephone-event/8000",
            "a=ssrc:1001 cname:bench",
            "m=video 9 UDP/TLS/RTP/SAVPF 96 97 98 99 100 101 45 46",
            "c=IN IP4 0.0.0.0",
            "a=rtcp:9 IN IP4 0.0.0.0",
            "a=ice-ufrag:Wb3x",
            "a=ice-pwd:Jf0nHUdkVV2Mm3J4lDcBrSXq",
            "a=ice-options:trickle",
            "a=fingerprint:sha-256 7B:5C:0E:2A:91:34:CF:8D:60:11:4E:AB:3F:9A:D2:77:C8:05:E1:6B:23:90:FA:4D:88:1C:B6:52:0D:E9:73:A4",
            "a=setup:actpass",
            "a=mid:1",
            "a=extmap:14 urn:ietf:params:rtp-hdrext:toffset",
            "a=extmap:13 urn:3gpp:video-orientation",
            "a=extmap:5 http://www.webrtc.org/experiments/rtp-hdrext/playout-delay",
            "a=sendrecv",
            "a=msid:stream video-track",
            "a=rtcp-mux",
            "a=rtcp-rsize",
            "a=rtpmap:96 VP8/90000",
            "a=rtcp-fb:96 goog-remb",
            "a=rtcp-fb:96 transport-cc",
            "a=rtcp-fb:96 ccm fir",
            "a=rtcp-fb:96 nack",
            "a=rtcp-fb:96 nack pli",
            "a=rtpmap:97 rtx/90000",
            "a=fmtp:97 apt=96",
            "a=rtpmap:98 VP9/90000",
            "a=rtcp-fb:98 goog-remb",
            "a=rtcp-fb:98 transport-cc",
            "a=rtcp-fb:98 ccm fir",
            "a=rtcp-fb:98 nack",
            "a=rtcp-fb:98 nack pli",
            "a=fmtp:98 profile-id=0",
            "a=rtpmap:99 rtx/90000",
            "a=fmtp:99 apt=98",
            "a=rtpmap:100 H264/90000",
            "a=rtcp-fb:100 nack pli",
            "a=fmtp:100 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
            "a=rtpmap:101 rtx/90000",
            "a=fmtp:101 apt=100",
            "a=rtpmap:45 AV1/90000",
            "a=rtcp-fb:45 nack",
            "a=rtpmap:46 rtx/90000",
            "a=fmtp:46 apt=45",
            "a=ssrc-group:FID 2001 2002",
            "a=ssrc:2001 cname:bench",
            "a=ssrc:2002 cname:bench",
        };
        StringBuilder sdp = new StringBuilder(TARGET_CHARS + 200);
        for (String line : lines) {
            sdp.append(line).append("\\r\\n");
        }
        for (int port = 50000; sdp.length() < TARGET_CHARS - 80; port++) {
            sdp.append("a=candidate:")
                    .append(port)
                    .append(" 1 udp 2122260223 127.0.0.1 ")
                    .append(port)
                    .append(" typ host generation 0\\r\\n");
        }
        return sdp.toString();
    }
}
