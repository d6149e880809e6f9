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

    @Test
    void floodingIsRateLimitedAndRepeatedAbuseClosesTheConnection() throws Exception {
        server = TestServers.builder().messageRate(5, 5).start();
        RawClient c = RawClient.connect(server);
        c.joinAs("r", token(server, "r", "A", Role.PARTICIPANT));
        for (int i = 0; i < 60; i++) {
            c.send("{\"v\":1,\"type\":\"media\",\"media\":{\"audio\":true,\"video\":false,\"screen\":false,\"hand\":false}}");
        }
        assertEquals("rate_limited", c.next("error").get("code").getAsString());
        // The server closes with 1008; a client still flooding may see the TCP teardown first (1006).
        int code = c.awaitClose();
        assertTrue(code == 1008 || code == 1006, "close code " + code);
        long deadline = System.currentTimeMillis() + 5000;
        while (server.openConnections() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, server.openConnections(), "the server dropped the abusive connection");
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
        long deadline = System.currentTimeMillis() + 5000;
        while (server.openConnections() > 1 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        RawClient fourth = RawClient.connect(server);
        assertEquals("joined", fourth.join("r", token(server, "r", "D", Role.PARTICIPANT)).get("type").getAsString());
        assertTrue(b.isOpen());
    }

    @Test
    void aConnectionThatDoesNotJoinInTimeIsClosed() throws Exception {
        server = TestServers.builder().joinDeadline(Duration.ofMillis(300)).start();
        RawClient idle = RawClient.connect(server);
        JsonObject error = idle.next();
        assertEquals("unauthorized", error.get("code").getAsString());
        assertEquals(1008, idle.awaitClose());
        RawClient prompt = RawClient.connect(server);
        prompt.joinAs("r", token(server, "r", "P", Role.PARTICIPANT));
        prompt.expectNothing(Duration.ofMillis(600));
        assertTrue(prompt.isOpen());
    }
}
