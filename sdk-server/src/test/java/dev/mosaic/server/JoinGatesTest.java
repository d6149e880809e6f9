package dev.mosaic.server;

import static dev.mosaic.server.TestServers.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.core.token.JoinTokenClaims;
import dev.mosaic.core.token.JoinTokens;
import dev.mosaic.server.events.JoinDecision;
import dev.mosaic.server.events.JoinRequest;
import dev.mosaic.server.events.MeetingListener;
import dev.mosaic.server.room.RoomOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Everything that stands between a token and the room: token checks, the hook, passcode, capacity, waiting room. */
class JoinGatesTest {
    private MosaicServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void eachTokenProblemHasItsOwnCodeOverTheWire() throws Exception {
        server = TestServers.builder().start();
        JoinTokens sameSecret = server.tokens();
        Instant now = Instant.now();
        String expired = sameSecret.issue(new JoinTokenClaims(
                "r", "u", "U", Role.PARTICIPANT, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)), "t1"));
        String early = sameSecret.issue(new JoinTokenClaims(
                "r", "u", "U", Role.PARTICIPANT, now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)), "t2"));
        String otherSecret = new JoinTokens(
                        "another-secret-another-secret-another".getBytes(StandardCharsets.UTF_8),
                        Clock.fixed(now, ZoneOffset.UTC))
                .issue("r", "u", "U", Role.HOST, Duration.ofMinutes(5));
        String valid = token(server, "r", "U", Role.PARTICIPANT);
        String algNone = b64("{\"alg\":\"none\"}") + "." + valid.split("\\.")[1] + ".";

        RawClient c = RawClient.connect(server);
        assertEquals("token_expired", c.join("r", expired).get("code").getAsString());
        assertEquals("token_not_yet_valid", c.join("r", early).get("code").getAsString());
        assertEquals("token_bad_signature", c.join("r", otherSecret).get("code").getAsString());
        assertEquals("token_bad_algorithm", c.join("r", algNone).get("code").getAsString());
        assertEquals("token_wrong_room", c.join("elsewhere", valid).get("code").getAsString());
        assertEquals("token_malformed", c.join("r", "x.y").get("code").getAsString());
        c.send("{\"v\":1,\"type\":\"join\",\"id\":\"j\",\"room\":\"r\"}");
        assertEquals("unauthorized", c.next().get("code").getAsString());
        assertEquals("joined", c.join("r", valid).get("type").getAsString());
    }

    @Test
    void theJoinHookCanDenyWithAReasonOrSendToTheWaitingRoom() throws Exception {
        server = TestServers.builder()
                .listener(new MeetingListener() {
                    @Override
                    public JoinDecision onJoinRequest(JoinRequest request) {
                        return switch (request.claims().displayName()) {
                            case "Mallory" -> JoinDecision.deny("not enrolled in this course");
                            case "Guest" -> JoinDecision.waitingRoom();
                            default -> JoinDecision.allow();
                        };
                    }
                })
                .start();
        RawClient host = RawClient.connect(server);
        host.joinAs("course", token(server, "course", "Teacher", Role.HOST));

        RawClient mallory = RawClient.connect(server);
        JsonObject refused = mallory.join("course", token(server, "course", "Mallory", Role.PARTICIPANT));
        assertEquals("forbidden", refused.get("code").getAsString());
        assertEquals("not enrolled in this course", refused.get("message").getAsString());
        assertEquals("join-1", refused.get("id").getAsString());

        RawClient guest = RawClient.connect(server);
        assertEquals(
                "waiting",
                guest.join("course", token(server, "course", "Guest", Role.PARTICIPANT))
                        .get("type")
                        .getAsString());
        assertEquals(
                "Guest",
                host.next("participantWaiting")
                        .getAsJsonObject("participant")
                        .get("name")
                        .getAsString());
    }

    @Test
    void waitingRoomAdmitAndDeny() throws Exception {
        server = TestServers.builder().start();
        server.rooms().create("lobby", new RoomOptions(false, 0, null, true));
        RawClient early = RawClient.connect(server);
        JsonObject waiting = early.join("lobby", token(server, "lobby", "Early", Role.PARTICIPANT));
        assertEquals("waiting", waiting.get("type").getAsString());
        assertEquals("join-1", waiting.get("id").getAsString());

        RawClient host = RawClient.connect(server);
        host.joinAs("lobby", token(server, "lobby", "Host", Role.HOST));
        String earlyId = host.next("participantWaiting")
                .getAsJsonObject("participant")
                .get("id")
                .getAsString();

        early.send("{\"v\":1,\"type\":\"chat\",\"id\":\"c\",\"text\":\"let me in\"}");
        assertEquals("unauthorized", early.next("error").get("code").getAsString());

        host.send("{\"v\":1,\"type\":\"admit\",\"target\":\"" + earlyId + "\"}");
        JsonObject joined = early.next("joined");
        assertEquals("join-1", joined.get("id").getAsString());
        assertEquals(earlyId, joined.getAsJsonObject("you").get("id").getAsString());
        assertEquals(1, joined.getAsJsonArray("participants").size());
        assertEquals(
                earlyId,
                host.next("participantJoined")
                        .getAsJsonObject("participant")
                        .get("id")
                        .getAsString());
        assertEquals(
                "admitted", host.next("participantWaitingLeft").get("reason").getAsString());

        RawClient late = RawClient.connect(server);
        late.join("lobby", token(server, "lobby", "Late", Role.PARTICIPANT));
        String lateId = host.next("participantWaiting")
                .getAsJsonObject("participant")
                .get("id")
                .getAsString();
        host.send("{\"v\":1,\"type\":\"deny\",\"target\":\"" + lateId + "\"}");
        assertEquals("denied", late.next("left").get("reason").getAsString());
        assertEquals(1000, late.awaitClose());
        early.expectNothing(Duration.ofMillis(200));
    }

    @Test
    void passcodeRoomsNeedThePasscodeExceptForHosts() throws Exception {
        server = TestServers.builder().start();
        server.rooms().create("secret-room", new RoomOptions(false, 0, "4711", false));
        RawClient c = RawClient.connect(server);
        String t = token(server, "secret-room", "Ann", Role.PARTICIPANT);
        assertEquals("unauthorized", c.join("secret-room", t).get("code").getAsString());
        c.send("{\"v\":1,\"type\":\"join\",\"id\":\"p\",\"room\":\"secret-room\",\"token\":\"" + t
                + "\",\"passcode\":\"0000\"}");
        assertEquals("wrong passcode", c.next().get("message").getAsString());
        c.send("{\"v\":1,\"type\":\"join\",\"id\":\"p\",\"room\":\"secret-room\",\"token\":\"" + t
                + "\",\"passcode\":\"4711\"}");
        assertEquals("joined", c.next().get("type").getAsString());
        RawClient host = RawClient.connect(server);
        assertEquals(
                "joined",
                host.join("secret-room", token(server, "secret-room", "H", Role.HOST))
                        .get("type")
                        .getAsString());
    }

    @Test
    void aFullRoomSaysSoAndE2eeIsAnnounced() throws Exception {
        server = TestServers.builder().start();
        server.rooms().create("small", new RoomOptions(true, 2, null, false));
        RawClient a = RawClient.connect(server);
        JsonObject joined = a.join("small", token(server, "small", "A", Role.PARTICIPANT));
        assertTrue(joined.get("e2ee").getAsBoolean());
        assertTrue(joined.get("resume").getAsString().length() >= 32);
        RawClient.connect(server).joinAs("small", token(server, "small", "B", Role.PARTICIPANT));
        RawClient c = RawClient.connect(server);
        assertEquals(
                "room_full",
                c.join("small", token(server, "small", "C", Role.PARTICIPANT))
                        .get("code")
                        .getAsString());
        assertTrue(c.isOpen());
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
