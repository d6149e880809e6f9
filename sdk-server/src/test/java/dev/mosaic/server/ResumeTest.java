package dev.mosaic.server;

import static dev.mosaic.server.TestServers.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.gson.JsonObject;
import dev.mosaic.core.protocol.Role;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A dropped connection comes back within the grace period without the others noticing. */
class ResumeTest {
    private MosaicServer server;
    private DroppableProxy proxy;

    private void start(Duration grace) throws Exception {
        server = TestServers.builder().resumeGrace(grace).start();
        proxy = new DroppableProxy(server.port());
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        server.stop();
    }

    @Test
    void resumingWithinTheGracePeriodIsInvisibleToOthers() throws Exception {
        start(Duration.ofSeconds(20));
        RawClient ada = RawClient.connect(proxy.webSocketUri());
        JsonObject joined = ada.join("r", token(server, "r", "Ada", Role.PARTICIPANT));
        String adaId = joined.getAsJsonObject("you").get("id").getAsString();
        String secret = joined.get("resume").getAsString();
        RawClient bob = RawClient.connect(server);
        String bobId = bob.joinAs("r", token(server, "r", "Bob", Role.PARTICIPANT));

        proxy.dropAll();
        ada.awaitClose();
        // Chat is held only once the server knows the socket is gone; what it wrote before that is lost with the
        // socket.
        long deadline = System.currentTimeMillis() + 5000;
        while (server.openConnections() > 1 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        bob.send("{\"v\":1,\"type\":\"chat\",\"text\":\"while you were away\"}");
        bob.next("chat");

        RawClient back = RawClient.connect(proxy.webSocketUri());
        back.send("{\"v\":1,\"type\":\"resume\",\"id\":\"r1\",\"resume\":\"" + secret + "\"}");
        JsonObject again = back.next();
        assertEquals("joined", again.get("type").getAsString());
        assertEquals("r1", again.get("id").getAsString());
        assertEquals(adaId, again.getAsJsonObject("you").get("id").getAsString());
        assertEquals(
                bobId,
                again.getAsJsonArray("participants")
                        .get(0)
                        .getAsJsonObject()
                        .get("id")
                        .getAsString());
        assertNotEquals(secret, again.get("resume").getAsString());
        assertEquals("while you were away", back.next("chat").get("text").getAsString());
        bob.expectNothing(Duration.ofMillis(300));

        bob.send("{\"v\":1,\"type\":\"offer\",\"to\":\"" + adaId + "\",\"sdp\":\"v=0 again\"}");
        assertEquals("v=0 again", back.next("offer").get("sdp").getAsString());
    }

    @Test
    void afterTheGracePeriodOthersSeeADisconnectAndTheSecretIsGone() throws Exception {
        start(Duration.ofMillis(300));
        RawClient ada = RawClient.connect(proxy.webSocketUri());
        JsonObject joined = ada.join("r", token(server, "r", "Ada", Role.PARTICIPANT));
        String adaId = joined.getAsJsonObject("you").get("id").getAsString();
        RawClient bob = RawClient.connect(server);
        bob.joinAs("r", token(server, "r", "Bob", Role.PARTICIPANT));

        proxy.dropAll();
        JsonObject left = bob.next("participantLeft");
        assertEquals(adaId, left.get("participantId").getAsString());
        assertEquals("disconnected", left.get("reason").getAsString());

        RawClient late = RawClient.connect(server);
        late.send("{\"v\":1,\"type\":\"resume\",\"id\":\"r2\",\"resume\":\""
                + joined.get("resume").getAsString() + "\"}");
        JsonObject error = late.next();
        assertEquals("not_found", error.get("code").getAsString());
        assertEquals("r2", error.get("id").getAsString());
        assertEquals(
                "joined",
                late.join("r", token(server, "r", "Ada", Role.PARTICIPANT))
                        .get("type")
                        .getAsString());
    }

    @Test
    void aSecretWorksOnceAndAClosedTabLeavesAtOnce() throws Exception {
        start(Duration.ofSeconds(20));
        RawClient ada = RawClient.connect(server);
        JsonObject joined = ada.join("r", token(server, "r", "Ada", Role.PARTICIPANT));
        String secret = joined.get("resume").getAsString();
        RawClient bob = RawClient.connect(server);
        bob.joinAs("r", token(server, "r", "Bob", Role.PARTICIPANT));

        // Resuming on a second socket while the first is still open moves the session over.
        RawClient second = RawClient.connect(server);
        second.send("{\"v\":1,\"type\":\"resume\",\"resume\":\"" + secret + "\"}");
        JsonObject moved = second.next("joined");
        assertEquals(4001, ada.awaitClose());
        RawClient third = RawClient.connect(server);
        third.send("{\"v\":1,\"type\":\"resume\",\"resume\":\"" + secret + "\"}");
        assertEquals("not_found", third.next().get("code").getAsString());

        second.closeBlocking(); // close code 1000: the user closed the tab, no grace period
        assertEquals(
                moved.getAsJsonObject("you").get("id").getAsString(),
                bob.next("participantLeft").get("participantId").getAsString());
    }
}
