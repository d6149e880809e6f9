package dev.mosaic.server;

import static dev.mosaic.server.TestServers.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.mosaic.core.protocol.Role;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each protective limit answers with its code, and a well-behaved connection carries on. */
class LimitsTest {
    private MosaicServer server;

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aTooLargeMessageIsRefusedAndTheConnectionGoesOn() throws Exception {
        server = TestServers.builder().maxMessageBytes(1000).start();
        RawClient c = RawClient.connect(server);
        c.joinAs("r", token(server, "r", "A", Role.PARTICIPANT));
        c.send("{\"v\":1,\"type\":\"chat\",\"id\":\"big\",\"text\":\"" + "é".repeat(600) + "\"}");
        JsonObject error = c.next("error");
        assertEquals("too_large", error.get("code").getAsString());
        c.send("{\"v\":1,\"type\":\"chat\",\"text\":\"small\"}");
        assertEquals("small", c.next("chat").get("text").getAsString());
    }

    /**
     * An sfu.answer carries an SDP that grows with the streams received (about 700 characters each, up to
     * 150), so it may exceed the ordinary limit; before, it was refused as too_large and the subscription hung.
     */
    @Test
    void aLargeSfuAnswerIsNotRefusedForItsSizeButOtherLargeMessagesAre() throws Exception {
        server = TestServers.builder().maxMessageBytes(1000).start();
        RawClient c = RawClient.connect(server);
        c.joinAs("r", token(server, "r", "A", Role.PARTICIPANT));
        String sdp = "a=x\\r\\n".repeat(400);
        c.send("{\"v\":1,\"type\":\"sfu.answer\",\"id\":\"big-answer\",\"sdp\":\"" + sdp + "\"}");
        JsonObject handled = c.next("error");
        // Handled as an answer: this mesh room has no SFU, which is what the server says.
        assertTrue(!"too_large".equals(handled.get("code").getAsString()), handled.toString());
        assertEquals("big-answer", handled.get("id").getAsString());
        c.send("{\"v\":1,\"type\":\"sfu.subscribe\",\"id\":\"big-subscribe\",\"want\":[" + "{},".repeat(400) + "{}]}");
        JsonObject refused = c.next("error");
        assertEquals("too_large", refused.get("code").getAsString(), refused.toString());
        assertTrue(c.isOpen());
    }

    @Test
    void floodingIsRateLimitedAndTheConnectionStays() throws Exception {
        server = TestServers.builder().messageRate(5, 5).start();
        RawClient c = RawClient.connect(server);
        c.joinAs("r", token(server, "r", "A", Role.PARTICIPANT));
        for (int i = 0; i < 60; i++) {
            c.send(
                    "{\"v\":1,\"type\":\"media\",\"media\":{\"audio\":true,\"video\":false,\"screen\":false,\"hand\":false}}");
        }
        // Most of the 60 came faster than the rate allows: each dropped and answered, none closing.
        for (int i = 0; i < 30; i++) {
            assertEquals("rate_limited", c.next("error").get("code").getAsString());
        }
        assertTrue(c.isOpen(), "too fast is not malformed: the socket stays");
        c.send("{\"v\":1,\"type\":\"chat\",\"text\":\"still here\"}");
        // Answers until the bucket refills (at 5/s) are rate_limited too; then the chat goes through.
        while (true) {
            JsonObject m = c.next();
            String type = m.get("type").getAsString();
            if ("chat".equals(type)) {
                break;
            }
            if (!"error".equals(type)) {
                continue; // the updates of the media messages that got through
            }
            assertEquals("rate_limited", m.get("code").getAsString(), m.toString());
            c.send("{\"v\":1,\"type\":\"chat\",\"text\":\"still here\"}");
        }
        assertTrue(c.isOpen());
        // Repeated bad messages still close a connection (AttackTest, ProtocolFuzzTest).
    }

    @Test
    void tooManyConnectionsFromOneAddressAreRefused() throws Exception {
        server = TestServers.builder().connectionsPerAddress(2).start();
        RawClient a = RawClient.connect(server);
        RawClient b = RawClient.connect(server);
        RawClient third = RawClient.connectMayBeRefused(server);
        assertEquals("rate_limited", third.next().get("code").getAsString());
        assertEquals(1008, third.awaitClose());
        a.closeBlocking();
        long deadline = System.currentTimeMillis() + 30_000;
        while (server.openConnections() > 1 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        RawClient fourth = RawClient.connect(server);
        assertEquals(
                "joined",
                fourth.join("r", token(server, "r", "D", Role.PARTICIPANT))
                        .get("type")
                        .getAsString());
        assertTrue(b.isOpen());
    }

    @Test
    void aConnectionThatDoesNotJoinInTimeIsClosed() throws Exception {
        // Long enough that the prompt client's connect and join fit in it on a loaded machine.
        server = TestServers.builder().joinDeadline(Duration.ofMillis(2000)).start();
        RawClient idle = RawClient.connect(server);
        JsonObject error = idle.next();
        assertEquals("unauthorized", error.get("code").getAsString());
        assertEquals(1008, idle.awaitClose());
        RawClient prompt = RawClient.connect(server);
        prompt.joinAs("r", token(server, "r", "P", Role.PARTICIPANT));
        prompt.expectNothing(Duration.ofMillis(2500));
        assertTrue(prompt.isOpen());
    }
}
