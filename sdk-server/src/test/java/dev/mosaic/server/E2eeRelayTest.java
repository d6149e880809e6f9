package dev.mosaic.server;

import static dev.mosaic.server.TestServers.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.room.RoomOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server relays e2ee.* and chat.e2ee opaquely, to the right members only, and picks the key leader. */
class E2eeRelayTest {
    private static final Duration QUIET = Duration.ofMillis(300);
    private MosaicServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServers.builder().start();
        server.rooms().create("secret-room", new RoomOptions(true, 0, null, false));
        server.rooms().create("other-room", new RoomOptions(true, 0, null, false));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private RawClient join(String room, String name) throws Exception {
        RawClient c = RawClient.connect(server);
        JsonObject joined = c.join(room, token(server, room, name, Role.PARTICIPANT));
        assertEquals("joined", joined.get("type").getAsString(), joined.toString());
        return c;
    }

    private static String id(RawClient c) {
        return c.rawTexts.stream()
                .filter(t -> t.contains("\"type\":\"joined\""))
                .findFirst()
                .map(t -> com.google.gson.JsonParser.parseString(t)
                        .getAsJsonObject()
                        .getAsJsonObject("you")
                        .get("id")
                        .getAsString())
                .orElseThrow();
    }

    private static boolean received(RawClient c, String type) {
        return c.rawTexts.stream().anyMatch(t -> t.contains("\"type\":\"" + type + "\""));
    }

    private static String hello(String participantId) {
        return "{\"type\":\"e2ee.hello\",\"v\":1,\"roomId\":\"secret-room\",\"sessionId\":\"s\",\"participantId\":\""
                + participantId + "\",\"ik\":\"AAAA\",\"ek\":\"BBBB\",\"caps\":[\"chat\"],\"sig\":\"CCCC\"}";
    }

    @Test
    void joinedNamesTheSessionAndTheFirstHelloMakesTheLeader() throws Exception {
        RawClient ada = join("secret-room", "Ada");
        String joinedText = ada.rawTexts.get(0);
        JsonObject joined = com.google.gson.JsonParser.parseString(joinedText).getAsJsonObject();
        assertTrue(joined.get("e2ee").getAsBoolean());
        assertTrue(joined.get("sessionId").getAsString().matches("[0-9a-f]{32}"), joinedText);
        assertNull(joined.get("e2eeLeader"), "no leader before any hello");
        String adaId = id(ada);

        RawClient bob = join("secret-room", "Bob");
        String bobId = id(bob);
        bob.send(hello(bobId));
        // Bob said hello first, so Bob leads even though Ada joined earlier.
        assertEquals(bobId, ada.next("roomUpdated").get("e2eeLeader").getAsString());
        assertEquals(bobId, bob.next("roomUpdated").get("e2eeLeader").getAsString());
        ada.send(hello(adaId));
        bob.next("e2ee.hello");
        // Ada joined first, but Bob keeps the role: Ada is not in his roster, so members would refuse her.
        Thread.sleep(QUIET.toMillis());
        assertEquals(
                1,
                bob.rawTexts.stream().filter(t -> t.contains("\"roomUpdated\"")).count());

        RawClient cy = join("secret-room", "Cy");
        assertEquals(
                bobId,
                com.google.gson.JsonParser.parseString(cy.rawTexts.get(0))
                        .getAsJsonObject()
                        .get("e2eeLeader")
                        .getAsString(),
                "joined names the leader");
        bob.close();
        assertEquals(
                adaId,
                ada.next("roomUpdated").get("e2eeLeader").getAsString(),
                "when the leader leaves, the earliest-joined member with a hello leads");
        ada.close();
        cy.close();
    }

    @Test
    void broadcastsAreByteIdenticalNotEchoedAndStayInTheRoom() throws Exception {
        RawClient ada = join("secret-room", "Ada");
        RawClient bob = join("secret-room", "Bob");
        RawClient eve = join("other-room", "Eve");
        String adaId = id(ada);
        String chat = "{\"type\":\"chat.e2ee\",\"v\":1,\"epoch\":7,\"from\":\"" + adaId
                + "\",\"seq\":17,\"nonce\":\"bm9uY2Vub25jZTEy\",\"ct\":\"Y2lwaGVydGV4dA==\",\"sig\":\"c2ln\"}";
        ada.send(chat);
        assertEquals("chat.e2ee", bob.next("chat.e2ee").get("type").getAsString());
        assertTrue(bob.rawTexts.contains(chat), "relayed byte for byte");
        Thread.sleep(QUIET.toMillis());
        assertFalse(received(ada, "chat.e2ee"), "not echoed to the sender");
        assertFalse(received(eve, "chat.e2ee"), "not relayed to another room");
        for (RawClient c : new RawClient[] {ada, bob, eve}) {
            c.close();
        }
    }

    @Test
    void theServerStampsFromWhenTheSenderLeftItOut() throws Exception {
        RawClient ada = join("secret-room", "Ada");
        RawClient bob = join("secret-room", "Bob");
        String adaId = id(ada);
        ada.send(hello(adaId));
        bob.next("e2ee.hello");
        String relayed = bob.rawTexts.stream()
                .filter(t -> t.contains("e2ee.hello"))
                .findFirst()
                .orElseThrow();
        assertEquals("{\"from\":\"" + adaId + "\"," + hello(adaId).substring(1), relayed);

        // A member arriving later gets the hellos said before it came.
        RawClient cy = join("secret-room", "Cy");
        assertEquals(adaId, cy.next("e2ee.hello").get("participantId").getAsString());
        for (RawClient c : new RawClient[] {ada, bob, cy}) {
            c.close();
        }
    }

    @Test
    void keysAndAcksGoOnlyToTheNamedMember() throws Exception {
        RawClient ada = join("secret-room", "Ada");
        RawClient bob = join("secret-room", "Bob");
        RawClient cy = join("secret-room", "Cy");
        String adaId = id(ada);
        String bobId = id(bob);
        ada.send(hello(adaId));
        ada.next("roomUpdated");
        String key =
                "{\"type\":\"e2ee.key\",\"v\":1,\"roomId\":\"secret-room\",\"sessionId\":\"s\",\"epoch\":1,\"from\":\""
                        + adaId + "\",\"to\":\"" + bobId + "\",\"nonce\":\"bm9uY2U=\",\"wrapped\":\"d3JhcHBlZA==\"}";
        ada.send(key);
        bob.next("e2ee.key");
        assertTrue(bob.rawTexts.contains(key));
        String ack = "{\"type\":\"e2ee.ack\",\"v\":1,\"epoch\":1,\"from\":\"" + bobId + "\",\"to\":\"" + adaId + "\"}";
        bob.send(ack);
        ada.next("e2ee.ack");
        assertTrue(ada.rawTexts.contains(ack));
        Thread.sleep(QUIET.toMillis());
        assertTrue(received(cy, "e2ee.hello"));
        assertFalse(received(cy, "e2ee.key") || received(cy, "e2ee.ack"), "unicasts reach only their recipient");
        assertFalse(received(ada, "e2ee.key") || received(bob, "e2ee.ack"), "nor their sender");
        for (RawClient c : new RawClient[] {ada, bob, cy}) {
            c.close();
        }
    }

    @Test
    void forgedSendersNonLeadersAndPlainChatAreRefused() throws Exception {
        RawClient ada = join("secret-room", "Ada");
        RawClient bob = join("secret-room", "Bob");
        String adaId = id(ada);
        String bobId = id(bob);
        ada.send(hello(adaId));
        bob.next("roomUpdated");

        bob.send("{\"type\":\"chat.e2ee\",\"v\":1,\"epoch\":1,\"from\":\"" + adaId
                + "\",\"seq\":1,\"nonce\":\"a\",\"ct\":\"b\",\"sig\":\"c\"}");
        assertEquals("forbidden", bob.next("error").get("code").getAsString(), "from must be the sender");
        bob.send(hello(adaId));
        assertEquals("forbidden", bob.next("error").get("code").getAsString(), "hello for someone else");
        bob.send("{\"type\":\"e2ee.activate\",\"v\":1,\"epoch\":2,\"sig\":\"c2ln\"}");
        assertEquals("forbidden", bob.next("error").get("code").getAsString(), "no activation before a hello");
        bob.send("{\"type\":\"e2ee.key\",\"v\":1,\"epoch\":2,\"to\":\"" + adaId
                + "\",\"nonce\":\"a\",\"wrapped\":\"b\"}");
        assertEquals("forbidden", bob.next("error").get("code").getAsString(), "no keys before a hello");
        bob.send("{\"type\":\"e2ee.ack\",\"v\":1,\"epoch\":2,\"from\":\"" + bobId + "\"}");
        assertEquals("bad_request", bob.next("error").get("code").getAsString(), "a unicast needs 'to'");
        bob.send("{\"type\":\"e2ee.ack\",\"v\":1,\"epoch\":2,\"to\":\"nobody\"}");
        assertEquals("not_found", bob.next("error").get("code").getAsString());

        bob.send("{\"type\":\"chat\",\"v\":1,\"id\":\"c1\",\"text\":\"a secret in clear\"}");
        JsonObject refused = bob.next("error");
        assertEquals("forbidden", refused.get("code").getAsString());
        assertEquals("c1", refused.get("id").getAsString());
        Thread.sleep(QUIET.toMillis());
        assertFalse(ada.rawTexts.stream().anyMatch(t -> t.contains("a secret in clear")));
        assertFalse(received(ada, "chat.e2ee") || received(ada, "e2ee.activate") || received(ada, "e2ee.key"));

        // Once bob said hello he may take over from a leader that stalls: the members judge by the rule.
        bob.send(hello(bobId));
        ada.next("e2ee.hello");
        bob.send("{\"type\":\"e2ee.activate\",\"v\":1,\"epoch\":2,\"sig\":\"c2ln\"}");
        assertEquals(bobId, ada.next("e2ee.activate").get("from").getAsString());
        ada.close();
        bob.close();
    }

    @Test
    void payloadsThatAreNotStrictJsonNeverReachBrowsers() throws Exception {
        RawClient ada = join("secret-room", "Ada");
        RawClient bob = join("secret-room", "Bob");
        String[] notJson = {
            "{\"v\":1,\"type\":\"chat.e2ee\",'epoch':7,\"ct\":\"AAAA\"}",
            "{\"v\":1,\"type\":\"chat.e2ee\",\"epoch\":7,\"ct\":\"AAAA\"} /* comment */",
            "{\"v\":1,\"type\":\"chat.e2ee\",\"epoch\":NaN,\"ct\":\"AAAA\"}",
            "{\"v\":1,\"type\":\"chat.e2ee\",\"epoch\":7,\"ct\":\"A\u0001A\"}",
            "{\"v\":1,\"type\":\"chat.e2ee\",\"epoch\":7,\"ct\":\"AAAA\",}",
        };
        for (String text : notJson) {
            bob.send(text);
            assertEquals("bad_request", bob.next("error").get("code").getAsString(), text);
        }
        bob.send("{\"v\":1,\"type\":\"chat.e2ee\",\"epoch\":7,\"ct\":\"strict\"}");
        // Ada's first relayed message is the strict one: none of the others was passed on.
        assertEquals("strict", ada.next("chat.e2ee").get("ct").getAsString());
        assertEquals(
                1, ada.rawTexts.stream().filter(t -> t.contains("chat.e2ee")).count());
    }

    @Test
    void e2eeMessagesAreRefusedInARoomWithoutEncryption() throws Exception {
        RawClient ada = join("plain-room", "Ada");
        ada.send(hello(id(ada)));
        assertEquals("forbidden", ada.next("error").get("code").getAsString());
        ada.close();
    }
}
