package dev.mosaic.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Leave reasons and host actions are enums in Java and the same strings on the wire as before they were. */
class WireEnumsTest {
    @Test
    void leaveReasonsKeepTheirWireStrings() throws Exception {
        Map<LeaveReason, String> wire = Map.of(
                LeaveReason.LEFT,
                "left",
                LeaveReason.DISCONNECTED,
                "disconnected",
                LeaveReason.REMOVED,
                "removed",
                LeaveReason.ENDED,
                "ended",
                LeaveReason.DENIED,
                "denied",
                LeaveReason.ADMITTED,
                "admitted");
        assertEquals(LeaveReason.values().length, wire.size());
        wire.forEach((reason, text) -> assertEquals(text, reason.wireName()));

        String left = MessageCodec.encode(new ServerMessage.Left("9", LeaveReason.REMOVED));
        assertTrue(left.contains("\"reason\":\"removed\""), left);
        assertEquals(
                new ServerMessage.ParticipantLeft("p1", LeaveReason.DISCONNECTED),
                MessageCodec.decodeServer(
                        "{\"v\":1,\"type\":\"participantLeft\",\"participantId\":\"p1\",\"reason\":\"disconnected\"}"));
        assertEquals(
                new ServerMessage.ParticipantWaitingLeft("p2", LeaveReason.ADMITTED),
                MessageCodec.decodeServer(
                        "{\"v\":1,\"type\":\"participantWaitingLeft\",\"participantId\":\"p2\",\"reason\":\"admitted\"}"));
    }

    @Test
    void aReasonFromANewerServerReadsAsNullNotAsAFailure() throws Exception {
        ServerMessage.Left left =
                (ServerMessage.Left) MessageCodec.decodeServer("{\"v\":1,\"type\":\"left\",\"reason\":\"moved\"}");
        assertNull(left.reason());
    }

    @Test
    void hostActionsKeepTheirWireStrings() {
        List<String> wire = List.of(
                "mute",
                "muteAll",
                "allowUnmute",
                "disallowUnmute",
                "remove",
                "promote",
                "lock",
                "unlock",
                "admit",
                "deny",
                "end");
        assertEquals(
                wire,
                java.util.Arrays.stream(HostAction.values())
                        .map(HostAction::wireName)
                        .toList());
    }

    /** docs/protocol.md is where client writers look: every value must be there. */
    @Test
    void docsProtocolListsEveryReasonAndAction() throws Exception {
        String docs = Files.readString(locate("docs/protocol.md"));
        String reasons = section(docs, "### Leave reasons");
        for (LeaveReason r : LeaveReason.values()) {
            assertTrue(
                    reasons.contains("`" + r.wireName() + "`"), r.wireName() + " in docs/protocol.md, Leave reasons");
        }
        String actions = section(docs, "### Host action names");
        for (HostAction a : HostAction.values()) {
            assertTrue(
                    actions.contains("`" + a.wireName() + "`"),
                    a.wireName() + " in docs/protocol.md, Host action names");
        }
    }

    private static String section(String docs, String heading) {
        int start = docs.indexOf(heading);
        assertTrue(start >= 0, "docs/protocol.md has " + heading);
        int end = docs.indexOf("\n#", start + heading.length());
        return docs.substring(start, end < 0 ? docs.length() : end);
    }

    private static Path locate(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException("cannot find " + relative);
    }
}
