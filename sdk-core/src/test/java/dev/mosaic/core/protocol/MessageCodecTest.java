package dev.mosaic.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    @Test
    void clientMessagesDecodeByType() throws Exception {
        ClientMessage m =
                MessageCodec.decodeClient("{\"v\":1,\"type\":\"offer\",\"id\":\"7\",\"to\":\"p2\",\"sdp\":\"v=0\"}");
        assertEquals(new ClientMessage.Offer("7", "p2", "v=0"), m);
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        ClientMessage m = MessageCodec.decodeClient("{\"v\":1,\"type\":\"leave\",\"future\":{\"x\":1}}");
        assertInstanceOf(ClientMessage.Leave.class, m);
    }

    @Test
    void serverMessagesCarryTypeAndVersionAndRoundTrip() throws Exception {
        Participant ada = new Participant("p1", "u1", "Ada", Role.HOST, new MediaState(true, false, false, true));
        ServerMessage joined = new ServerMessage.Joined(
                "1",
                "demo",
                ada,
                List.of(),
                List.of(new IceServer(List.of("stun:a"))),
                "secret-1",
                true,
                false,
                "0123456789abcdef0123456789abcdef",
                "p1",
                "relay",
                List.of(MediaKind.AUDIO),
                MediaMode.SFU);
        String json = MessageCodec.encode(joined);
        assertTrue(json.startsWith("{\"v\":1,\"type\":\"joined\""), json);
        assertTrue(json.contains("\"role\":\"host\""), json);
        assertTrue(json.contains("\"resume\":\"secret-1\",\"e2ee\":true,\"locked\":false"), json);
        assertTrue(json.contains("\"media\":\"sfu\""), json);
        assertEquals(joined, MessageCodec.decodeServer(json));
    }

    @Test
    void errorsEncodeTheirStableCode() {
        String json = MessageCodec.encode(new ServerMessage.Error(ErrorCode.TOKEN_EXPIRED, "expired", "9"));
        assertEquals(
                "{\"v\":1,\"type\":\"error\",\"code\":\"token_expired\",\"message\":\"expired\",\"id\":\"9\"}", json);
        assertEquals("token_expired", ErrorCode.TOKEN_EXPIRED.wireName());
    }

    @Test
    void badInputGetsTheRightCodeAndKeepsTheRequestId() {
        assertCode(ErrorCode.BAD_REQUEST, null, "not json");
        assertCode(ErrorCode.BAD_REQUEST, null, "[1,2]");
        assertCode(ErrorCode.BAD_REQUEST, "3", "{\"id\":\"3\",\"type\":\"leave\"}");
        assertCode(ErrorCode.UNSUPPORTED_VERSION, "4", "{\"v\":2,\"id\":\"4\",\"type\":\"leave\"}");
        assertCode(ErrorCode.UNKNOWN_TYPE, "5", "{\"v\":1,\"id\":\"5\",\"type\":\"teleport\"}");
        assertCode(ErrorCode.BAD_REQUEST, "6", "{\"v\":1,\"id\":\"6\",\"type\":\"offer\",\"to\":\"p2\"}");
        assertCode(ErrorCode.BAD_REQUEST, "7", "{\"v\":1,\"id\":\"7\",\"type\":\"offer\",\"to\":[1],\"sdp\":\"x\"}");
        assertCode(ErrorCode.UNAUTHORIZED, "8", "{\"v\":1,\"id\":\"8\",\"type\":\"join\",\"room\":\"demo\"}");
    }

    @Test
    void deeplyNestedJsonIsABadRequestNotACrash() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertCode(ErrorCode.BAD_REQUEST, null, "{\"v\":1,\"type\":\"leave\",\"x\":" + deep + "}");
    }

    private static void assertCode(ErrorCode code, String id, String text) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> MessageCodec.decodeClient(text));
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(id, e.requestId());
    }

    @Test
    void hostActionsAndResumeDecode() throws Exception {
        assertEquals(
                new ClientMessage.Mute("1", "p2", MediaKind.VIDEO),
                MessageCodec.decodeClient(
                        "{\"v\":1,\"type\":\"mute\",\"id\":\"1\",\"target\":\"p2\",\"kind\":\"video\"}"));
        assertEquals(
                new ClientMessage.Lock(null, true),
                MessageCodec.decodeClient("{\"v\":1,\"type\":\"lock\",\"locked\":true}"));
        assertEquals(
                new ClientMessage.Resume("r", "s3cret"),
                MessageCodec.decodeClient("{\"v\":1,\"type\":\"resume\",\"id\":\"r\",\"resume\":\"s3cret\"}"));
        assertEquals(
                new ClientMessage.Join("j", "demo", "t", "1234"),
                MessageCodec.decodeClient(
                        "{\"v\":1,\"type\":\"join\",\"id\":\"j\",\"room\":\"demo\",\"token\":\"t\",\"passcode\":\"1234\"}"));
        assertInstanceOf(ClientMessage.End.class, MessageCodec.decodeClient("{\"v\":1,\"type\":\"end\"}"));
    }

    @Test
    void hostActionsWithMissingOrUnknownFieldsAreBadRequests() {
        assertCode(
                ErrorCode.BAD_REQUEST,
                "1",
                "{\"v\":1,\"type\":\"mute\",\"id\":\"1\",\"target\":\"p2\",\"kind\":\"smell\"}");
        assertCode(ErrorCode.BAD_REQUEST, "2", "{\"v\":1,\"type\":\"lock\",\"id\":\"2\"}");
        assertCode(ErrorCode.BAD_REQUEST, "3", "{\"v\":1,\"type\":\"remove\",\"id\":\"3\"}");
        assertCode(ErrorCode.BAD_REQUEST, "4", "{\"v\":1,\"type\":\"resume\",\"id\":\"4\"}");
        assertCode(ErrorCode.BAD_REQUEST, "5", "{\"v\":1,\"type\":\"admit\",\"id\":\"5\",\"target\":\"\"}");
    }

    @Test
    void everyServerMessageTypeRoundTrips() throws Exception {
        Participant bob = new Participant("p2", "u2", "Bob", Role.PARTICIPANT, MediaState.NONE);
        List<ServerMessage> all = List.of(
                new ServerMessage.Waiting("j1"),
                new ServerMessage.ParticipantWaiting(bob),
                new ServerMessage.ParticipantWaitingLeft("p2", LeaveReason.ADMITTED),
                new ServerMessage.Muted("p1", MediaKind.AUDIO),
                new ServerMessage.RoomUpdated(true, false, true, null, List.of(), MediaMode.MESH),
                new ServerMessage.Left(null, LeaveReason.REMOVED),
                new ServerMessage.Chat("p1", "Ada", "hi", 5L));
        for (ServerMessage m : all) {
            assertEquals(m, MessageCodec.decodeServer(MessageCodec.encode(m)));
        }
        assertEquals(
                "{\"v\":1,\"type\":\"muted\",\"by\":\"p1\",\"kind\":\"audio\"}",
                MessageCodec.encode(new ServerMessage.Muted("p1", MediaKind.AUDIO)));
    }

    @Test
    void everyClientMessageTypeIsRegisteredOnce() {
        // E2ee stands for all the end-to-end encryption types, which are kept as text, not records.
        assertEquals(ClientMessage.class.getPermittedSubclasses().length - 1, ClientMessage.TYPES.size());
        assertEquals(ServerMessage.class.getPermittedSubclasses().length - 1, ServerMessage.TYPES.size());
    }

    @Test
    void e2eeMessagesKeepTheirExactTextBothWays() throws Exception {
        String key = "{ \"type\":\"e2ee.key\",\"v\":1,\"epoch\":3,\"from\":\"a\",\"to\":\"b\",\"wrapped\":\"eA==\"}";
        ClientMessage.E2ee in = (ClientMessage.E2ee) MessageCodec.decodeClient(key);
        assertEquals("e2ee.key", in.type());
        assertEquals("b", in.to());
        assertEquals("a", in.from());
        assertEquals(key, in.text());
        assertEquals(key, MessageCodec.encode(new ServerMessage.E2ee("e2ee.key", "a", key)));
        ServerMessage.E2ee out = (ServerMessage.E2ee) MessageCodec.decodeServer(key);
        assertEquals(key, out.text());
        assertEquals("a", out.from());
        ProtocolException noTo = assertThrows(
                ProtocolException.class,
                () -> MessageCodec.decodeClient("{\"type\":\"e2ee.ack\",\"v\":1,\"epoch\":3}"));
        assertEquals(ErrorCode.BAD_REQUEST, noTo.code());
        ProtocolException badFrom = assertThrows(
                ProtocolException.class,
                () -> MessageCodec.decodeClient("{\"type\":\"chat.e2ee\",\"v\":1,\"from\":7}"));
        assertEquals(ErrorCode.BAD_REQUEST, badFrom.code());
        assertFalse(in.toString().contains("eA=="), "toString never shows the payload");
    }

    /** The answer for one subscription to 48 videos is about 34,000 characters: 32,000 refused it. */
    @Test
    void anSfuAnswerMayCarryAWideSubscriptionButAPublishOfferStaysSmall() throws Exception {
        String wide = "a".repeat(60_000);
        ClientMessage answer =
                MessageCodec.decodeClient("{\"v\":1,\"type\":\"sfu.answer\",\"id\":\"a\",\"sdp\":\"" + wide + "\"}");
        assertEquals(60_000, ((ClientMessage.SfuAnswer) answer).sdp().length());
        assertCode(
                ErrorCode.TOO_LARGE,
                "p",
                "{\"v\":1,\"type\":\"sfu.publish\",\"id\":\"p\",\"source\":\"camera\",\"sdp\":\"" + wide + "\"}");
        String tooWide = "a".repeat(ClientMessage.MAX_SFU_ANSWER_SDP_CHARS + 1);
        assertCode(
                ErrorCode.TOO_LARGE, "b", "{\"v\":1,\"type\":\"sfu.answer\",\"id\":\"b\",\"sdp\":\"" + tooWide + "\"}");
    }
}
