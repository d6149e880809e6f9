package dev.mosaic.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** muteAll, promote and report on the wire: what decodes, and what each bad form is answered with. */
class ModerationMessagesTest {

    @Test
    void moderationMessagesDecode() throws Exception {
        assertEquals(
                new ClientMessage.MuteAll("1", MediaKind.AUDIO),
                MessageCodec.decodeClient("{\"v\":1,\"type\":\"muteAll\",\"id\":\"1\",\"kind\":\"audio\"}"));
        assertEquals(
                new ClientMessage.Promote("2", "pB7"),
                MessageCodec.decodeClient("{\"v\":1,\"type\":\"promote\",\"id\":\"2\",\"target\":\"pB7\"}"));
        assertEquals(Role.HOST, new ClientMessage.Promote("2", "pB7").newRole());
        ClientMessage.Promote letSpeak = (ClientMessage.Promote) MessageCodec.decodeClient(
                "{\"v\":1,\"type\":\"promote\",\"id\":\"4\",\"target\":\"pB7\",\"role\":\"participant\"}");
        assertEquals(Role.PARTICIPANT, letSpeak.newRole());
        assertEquals(
                new ClientMessage.Report("3", "pB7", "shares offensive images"),
                MessageCodec.decodeClient(
                        "{\"v\":1,\"type\":\"report\",\"id\":\"3\",\"target\":\"pB7\",\"reason\":\"shares offensive images\"}"));
    }

    @Test
    void badModerationMessagesHaveStableCodes() {
        assertCode(ErrorCode.BAD_REQUEST, "a", "{\"v\":1,\"type\":\"muteAll\",\"id\":\"a\"}");
        assertCode(ErrorCode.BAD_REQUEST, "b", "{\"v\":1,\"type\":\"muteAll\",\"id\":\"b\",\"kind\":\"hand\"}");
        assertCode(ErrorCode.BAD_REQUEST, "c", "{\"v\":1,\"type\":\"promote\",\"id\":\"c\",\"target\":\" \"}");
        assertCode(
                ErrorCode.BAD_REQUEST,
                "f",
                "{\"v\":1,\"type\":\"promote\",\"id\":\"f\",\"target\":\"pB7\",\"role\":\"viewer\"}");
        assertCode(ErrorCode.BAD_REQUEST, "d", "{\"v\":1,\"type\":\"report\",\"id\":\"d\",\"target\":\"pB7\"}");
        assertCode(
                ErrorCode.TOO_LARGE,
                "e",
                "{\"v\":1,\"type\":\"report\",\"id\":\"e\",\"target\":\"pB7\",\"reason\":\""
                        + "x".repeat(ClientMessage.MAX_REPORT_REASON_CHARS + 1) + "\"}");
    }

    @Test
    void aReportReachesHostsWithBothParticipantsAndTheTime() throws Exception {
        Participant by = new Participant("p1", "u1", "Ada", Role.PARTICIPANT, MediaState.NONE);
        Participant target = new Participant("p2", "u2", "Mallory", Role.PARTICIPANT, MediaState.NONE);
        ServerMessage.Reported reported = new ServerMessage.Reported(by, target, "spam", 1795600000000L);
        assertEquals(reported, MessageCodec.decodeServer(MessageCodec.encode(reported)));
    }

    private static void assertCode(ErrorCode code, String id, String text) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> MessageCodec.decodeClient(text));
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(id, e.requestId());
    }
}
