package dev.mosaic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.mosaic.core.protocol.Role;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The signaling WebSocket against a real server on a random port, with real WebSocket clients. */
class SignalingTest {
    private MosaicServer server;

    @BeforeEach
    void start() {
        server = MosaicServer.builder()
                .port(0)
                .secret("test-secret-test-secret-test-secret-42")
                .start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private String token(String room, String name) {
        return server.tokens().issue(room, "user-" + name, name, Role.PARTICIPANT, Duration.ofMinutes(5));
    }

    @Test
    void joiningReturnsRoomStateAndTellsOthers() throws Exception {
        RawClient ada = RawClient.connect(server);
        JsonObject adaJoined = ada.join("room-a", token("room-a", "Ada"));
        assertEquals("joined", adaJoined.get("type").getAsString());
        assertEquals("join-1", adaJoined.get("id").getAsString());
        assertEquals(0, adaJoined.getAsJsonArray("participants").size());

        RawClient bob = RawClient.connect(server);
        JsonObject bobJoined = bob.join("room-a", token("room-a", "Bob"));
        assertEquals(
                "Ada",
                bobJoined
                        .getAsJsonArray("participants")
                        .get(0)
                        .getAsJsonObject()
                        .get("name")
                        .getAsString());

        JsonObject seen = ada.next("participantJoined");
        assertEquals("Bob", seen.getAsJsonObject("participant").get("name").getAsString());
    }

    @Test
    void signalsReachOnlyTheNamedPeerWithTheSenderFilledIn() throws Exception {
        RawClient ada = RawClient.connect(server);
        String adaId = ada.join("room-b", token("room-b", "Ada"))
                .getAsJsonObject("you")
                .get("id")
                .getAsString();
        RawClient bob = RawClient.connect(server);
        String bobId = bob.join("room-b", token("room-b", "Bob"))
                .getAsJsonObject("you")
                .get("id")
                .getAsString();
        RawClient cat = RawClient.connect(server);
        cat.join("room-b", token("room-b", "Cat"));
        ada.next("participantJoined");
        ada.next("participantJoined");
        bob.next("participantJoined");

        ada.send("{\"v\":1,\"type\":\"offer\",\"to\":\"" + bobId + "\",\"sdp\":\"v=0 test\"}");
        JsonObject offer = bob.next("offer");
        assertEquals(adaId, offer.get("from").getAsString());
        assertEquals("v=0 test", offer.get("sdp").getAsString());
        cat.expectNothing(Duration.ofMillis(300));
    }

    @Test
    void signalsCannotCrossRooms() throws Exception {
        RawClient ada = RawClient.connect(server);
        ada.join("room-c", token("room-c", "Ada"));
        RawClient eve = RawClient.connect(server);
        String eveId = eve.join("room-d", token("room-d", "Eve"))
                .getAsJsonObject("you")
                .get("id")
                .getAsString();

        ada.send("{\"v\":1,\"type\":\"offer\",\"id\":\"x\",\"to\":\"" + eveId + "\",\"sdp\":\"v=0\"}");
        JsonObject error = ada.next();
        assertEquals("not_found", error.get("code").getAsString());
        assertEquals("x", error.get("id").getAsString());
        eve.expectNothing(Duration.ofMillis(300));
    }

    @Test
    void badMessagesGetErrorsAndTheConnectionGoesOn() throws Exception {
        RawClient ada = RawClient.connect(server);
        ada.send("this is not json");
        assertEquals("bad_request", ada.next().get("code").getAsString());
        ada.send("{\"v\":1,\"type\":\"offer\",\"id\":\"1\",\"to\":\"p\",\"sdp\":\"x\"}");
        assertEquals("unauthorized", ada.next().get("code").getAsString());
        ada.send("{\"v\":1,\"type\":\"warp\",\"id\":\"2\"}");
        assertEquals("unknown_type", ada.next().get("code").getAsString());
        ada.send("{\"v\":9,\"type\":\"leave\",\"id\":\"3\"}");
        assertEquals("unsupported_version", ada.next().get("code").getAsString());
        ada.send("{\"v\":1,\"type\":\"offer\",\"to\":\"p\",\"sdp\":\"" + "x".repeat(70_000) + "\"}");
        assertEquals("too_large", ada.next().get("code").getAsString());

        JsonObject joined = ada.join("room-e", token("room-e", "Ada"));
        assertEquals("joined", joined.get("type").getAsString());
        assertTrue(ada.isOpen());
    }

    @Test
    void tokenProblemsAreRefusedWithTheirOwnCode() throws Exception {
        RawClient ada = RawClient.connect(server);
        assertEquals(
                "token_wrong_room",
                ada.join("room-f", token("room-g", "Ada")).get("code").getAsString());
        assertEquals("token_malformed", ada.join("room-f", "nope").get("code").getAsString());
        assertEquals(
                "joined", ada.join("room-f", token("room-f", "Ada")).get("type").getAsString());
        assertEquals(
                "forbidden",
                ada.join("room-f", token("room-f", "Ada")).get("code").getAsString());
    }

    @Test
    void leavingAndDisconnectingAreAnnouncedWithTheirReason() throws Exception {
        RawClient ada = RawClient.connect(server);
        ada.join("room-h", token("room-h", "Ada"));
        RawClient bob = RawClient.connect(server);
        String bobId = bob.join("room-h", token("room-h", "Bob"))
                .getAsJsonObject("you")
                .get("id")
                .getAsString();
        RawClient cat = RawClient.connect(server);
        String catId = cat.join("room-h", token("room-h", "Cat"))
                .getAsJsonObject("you")
                .get("id")
                .getAsString();

        bob.send("{\"v\":1,\"type\":\"leave\",\"id\":\"bye\"}");
        assertEquals("left", bob.next("left").get("type").getAsString());
        JsonObject left = ada.next("participantLeft");
        assertEquals(bobId, left.get("participantId").getAsString());
        assertEquals("left", left.get("reason").getAsString());

        cat.closeBlocking();
        JsonObject dropped = ada.next("participantLeft");
        assertEquals(catId, dropped.get("participantId").getAsString());
        assertEquals("disconnected", dropped.get("reason").getAsString());
    }

    @Test
    void mediaChangesAreSharedWithTheRoom() throws Exception {
        RawClient ada = RawClient.connect(server);
        ada.join("room-i", token("room-i", "Ada"));
        RawClient bob = RawClient.connect(server);
        bob.join("room-i", token("room-i", "Bob"));
        ada.next("participantJoined");

        bob.send(
                "{\"v\":1,\"type\":\"media\",\"media\":{\"audio\":false,\"video\":true,\"screen\":false,\"hand\":true}}");
        JsonObject update = ada.next("participantUpdated").getAsJsonObject("participant");
        assertEquals("Bob", update.get("name").getAsString());
        assertEquals(false, update.getAsJsonObject("media").get("audio").getAsBoolean());
        assertEquals(true, update.getAsJsonObject("media").get("hand").getAsBoolean());
    }

    @Test
    void theRoomEndsWhenTheLastPersonLeaves() throws Exception {
        RawClient ada = RawClient.connect(server);
        ada.join("room-j", token("room-j", "Ada"));
        assertEquals(1, server.rooms().roomCount());
        ada.closeBlocking();
        long deadline = System.currentTimeMillis() + 5000;
        while (server.rooms().roomCount() != 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, server.rooms().roomCount());
    }

    @Test
    void chatReachesEveryoneInTheRoomAndNoOneElse() throws Exception {
        RawClient ada = RawClient.connect(server);
        String adaId = ada.join("room-chat", token("room-chat", "Ada"))
                .getAsJsonObject("you")
                .get("id")
                .getAsString();
        RawClient bob = RawClient.connect(server);
        bob.join("room-chat", token("room-chat", "Bob"));
        RawClient eve = RawClient.connect(server);
        eve.join("room-other", token("room-other", "Eve"));
        ada.next("participantJoined");

        ada.send("{\"v\":1,\"type\":\"chat\",\"text\":\"héllo 👋\"}");
        for (RawClient c : new RawClient[] {ada, bob}) {
            JsonObject chat = c.next("chat");
            assertEquals(adaId, chat.get("from").getAsString());
            assertEquals("Ada", chat.get("name").getAsString());
            assertEquals("héllo 👋", chat.get("text").getAsString());
            assertTrue(chat.get("sentAt").getAsLong() > 0);
        }
        eve.expectNothing(Duration.ofMillis(300));

        ada.send("{\"v\":1,\"type\":\"chat\",\"id\":\"c2\",\"text\":\"" + "x".repeat(4001) + "\"}");
        JsonObject error = ada.next("error");
        assertEquals("too_large", error.get("code").getAsString());
        assertEquals("c2", error.get("id").getAsString());
    }

    @Test
    void viewConstraintsAreRelayedToTheNamedSenderOnly() throws Exception {
        RawClient ada = RawClient.connect(server);
        String adaId = ada.join("room-view", token("room-view", "Ada"))
                .getAsJsonObject("you")
                .get("id")
                .getAsString();
        RawClient bob = RawClient.connect(server);
        String bobId = bob.join("room-view", token("room-view", "Bob"))
                .getAsJsonObject("you")
                .get("id")
                .getAsString();
        RawClient cat = RawClient.connect(server);
        cat.join("room-view", token("room-view", "Cat"));

        ada.send("{\"v\":1,\"type\":\"view.constraints\",\"to\":\"" + bobId
                + "\",\"maxHeight\":180,\"maxFps\":15,\"active\":true}");
        JsonObject relayed = bob.next("view.constraints");
        assertEquals(adaId, relayed.get("from").getAsString());
        assertEquals(180, relayed.get("maxHeight").getAsInt());
        assertEquals(15, relayed.get("maxFps").getAsInt());
        assertTrue(relayed.get("active").getAsBoolean());
        cat.expectNothing(Duration.ofMillis(300));
    }
}
