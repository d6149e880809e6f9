package dev.mosaic.server;

import static dev.mosaic.server.TestServers.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.mosaic.core.protocol.Role;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mute, remove, lock and end: what the host and everyone else see, and that only hosts may. */
class HostActionsTest {
    private MosaicServer server;
    private RawClient host;
    private RawClient bob;
    private RawClient cat;
    private String hostId;
    private String bobId;
    private String catId;

    @BeforeEach
    void threeInARoom() throws Exception {
        server = TestServers.builder().start();
        host = RawClient.connect(server);
        hostId = host.joinAs("class", token(server, "class", "Teacher", Role.HOST));
        bob = RawClient.connect(server);
        bobId = bob.joinAs("class", token(server, "class", "Bob", Role.PARTICIPANT));
        cat = RawClient.connect(server);
        catId = cat.joinAs("class", token(server, "class", "Cat", Role.PARTICIPANT));
        host.next("participantJoined");
        host.next("participantJoined");
        bob.next("participantJoined");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void muteTellsTheTargetAndTurnsTheirMediaOffForEveryone() throws Exception {
        bob.send(
                "{\"v\":1,\"type\":\"media\",\"media\":{\"audio\":true,\"video\":true,\"screen\":false,\"hand\":false}}");
        cat.next("participantUpdated");
        host.send("{\"v\":1,\"type\":\"mute\",\"target\":\"" + bobId + "\",\"kind\":\"audio\"}");

        JsonObject muted = bob.next("muted");
        assertEquals(hostId, muted.get("by").getAsString());
        assertEquals("audio", muted.get("kind").getAsString());
        JsonObject media =
                cat.next("participantUpdated").getAsJsonObject("participant").getAsJsonObject("media");
        assertFalse(media.get("audio").getAsBoolean());
        assertTrue(media.get("video").getAsBoolean());
    }

    @Test
    void removeSendsTheTargetOutAndTheirTokenCannotComeBack() throws Exception {
        String bobToken = token(server, "class", "Bob2", Role.PARTICIPANT);
        RawClient bob2 = RawClient.connect(server);
        String bob2Id = bob2.joinAs("class", bobToken);
        cat.next("participantJoined");

        host.send("{\"v\":1,\"type\":\"remove\",\"target\":\"" + bob2Id + "\"}");
        assertEquals("removed", bob2.next("left").get("reason").getAsString());
        assertEquals(1000, bob2.awaitClose());
        JsonObject left = cat.next("participantLeft");
        assertEquals(bob2Id, left.get("participantId").getAsString());
        assertEquals("removed", left.get("reason").getAsString());

        RawClient again = RawClient.connect(server);
        assertEquals("forbidden", again.join("class", bobToken).get("code").getAsString());
    }

    @Test
    void aLockedRoomRefusesNewJoinsButNotHosts() throws Exception {
        host.send("{\"v\":1,\"type\":\"lock\",\"locked\":true}");
        for (RawClient c : new RawClient[] {host, bob, cat}) {
            assertTrue(c.next("roomUpdated").get("locked").getAsBoolean());
        }
        RawClient late = RawClient.connect(server);
        assertEquals(
                "room_locked",
                late.join("class", token(server, "class", "Late", Role.PARTICIPANT))
                        .get("code")
                        .getAsString());
        RawClient coHost = RawClient.connect(server);
        JsonObject joined = coHost.join("class", token(server, "class", "CoHost", Role.HOST));
        assertTrue(joined.get("locked").getAsBoolean());

        host.send("{\"v\":1,\"type\":\"lock\",\"locked\":false}");
        assertFalse(bob.next("roomUpdated").get("locked").getAsBoolean());
        assertEquals(
                "joined",
                late.join("class", token(server, "class", "Late", Role.PARTICIPANT))
                        .get("type")
                        .getAsString());
    }

    @Test
    void endSendsEveryoneLeftEndedAndClosesTheRoom() throws Exception {
        host.send("{\"v\":1,\"type\":\"end\"}");
        for (RawClient c : new RawClient[] {host, bob, cat}) {
            assertEquals("ended", c.next("left").get("reason").getAsString());
            assertEquals(1000, c.awaitClose());
        }
        assertEquals(0, server.rooms().roomCount());
    }

    @Test
    void onlyHostsMayActAndTheConnectionGoesOn() throws Exception {
        for (String action : new String[] {
            "{\"v\":1,\"type\":\"end\",\"id\":\"a\"}",
            "{\"v\":1,\"type\":\"mute\",\"id\":\"a\",\"target\":\"" + catId + "\",\"kind\":\"video\"}",
            "{\"v\":1,\"type\":\"remove\",\"id\":\"a\",\"target\":\"" + catId + "\"}",
            "{\"v\":1,\"type\":\"lock\",\"id\":\"a\",\"locked\":true}",
            "{\"v\":1,\"type\":\"admit\",\"id\":\"a\",\"target\":\"x\"}",
            "{\"v\":1,\"type\":\"deny\",\"id\":\"a\",\"target\":\"x\"}"
        }) {
            bob.send(action);
            JsonObject error = bob.next("error");
            assertEquals("forbidden", error.get("code").getAsString(), action);
            assertEquals("a", error.get("id").getAsString());
        }
        cat.expectNothing(Duration.ofMillis(200));
        bob.send("{\"v\":1,\"type\":\"chat\",\"text\":\"still here\"}");
        assertEquals("still here", cat.next("chat").get("text").getAsString());
    }

    @Test
    void actingOnSomeoneWhoIsNotThereIsNotFound() throws Exception {
        host.send("{\"v\":1,\"type\":\"mute\",\"id\":\"m\",\"target\":\"nobody\",\"kind\":\"audio\"}");
        assertEquals("not_found", host.next("error").get("code").getAsString());
        host.send("{\"v\":1,\"type\":\"admit\",\"id\":\"m\",\"target\":\"nobody\"}");
        assertEquals("not_found", host.next("error").get("code").getAsString());
    }
}
