package dev.mosaic.server;

import static dev.mosaic.server.Waits.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mosaic.core.e2ee.E2eeSession;
import dev.mosaic.core.e2ee.IdentityKey;
import dev.mosaic.core.e2ee.IdentityPins;
import dev.mosaic.server.browser.DemoParticipant;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * End-to-end encryption in real Chromium against a lying server: {@link ServerInTheMiddle} sits
 * between the browsers and the real server, rewrites {@code joined}/{@code roomUpdated} and injects a
 * member of its own (a Java {@link E2eeSession} playing "ghost"). Honest browsers must warn or
 * differ, never agree in silence. Also: a participant that joins first and never hands out a key
 * (a malformed hello, or a valid one and silence) cannot keep the room keyless.
 */
class E2eeLyingServerIT {
    private static final SecureRandom RANDOM = new SecureRandom();

    @RegisterExtension
    final E2eeRoom room = new E2eeRoom("lying-server-class");

    private static long epoch(DemoParticipant p) {
        return ((Number) p.e2ee().get("epoch")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static boolean warned(DemoParticipant p, String reason, String about) {
        List<Map<String, Object>> warnings =
                (List<Map<String, Object>>) p.e2ee().get("rosterWarnings");
        return warnings.stream().anyMatch(w -> reason.equals(w.get("reason")) && about.equals(w.get("participantId")));
    }

    @SuppressWarnings("unchecked")
    private static List<String> rosterIds(DemoParticipant p) {
        return ((List<Map<String, Object>>) p.e2ee().get("rosterMembers"))
                .stream().map(m -> (String) m.get("participantId")).sorted().toList();
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    private static String type(JsonObject m) {
        return m.has("type") ? m.get("type").getAsString() : "";
    }

    private static E2eeSession ghostFor(JsonObject joined) {
        return new E2eeSession(
                E2eeSession.Config.forSdkClient(
                        joined.get("room").getAsString(),
                        joined.get("sessionId").getAsString(),
                        "ghost",
                        "Ghost",
                        IdentityKey.generate(RANDOM)),
                new IdentityPins());
    }

    private static String ghostHello(E2eeSession ghost) {
        JsonObject hello = ghost.hello();
        hello.addProperty("from", "ghost");
        return hello.toString();
    }

    @Test
    void aGhostSlippedIntoTheLeadersParticipantListIsShownAndFlaggedByTheOthers() throws Exception {
        List<ServerInTheMiddle.Connection> joinedOrder = new CopyOnWriteArrayList<>();
        ServerInTheMiddle mitm = new ServerInTheMiddle(room.server().port(), (c, text) -> {
            JsonObject m = json(text);
            if (!"joined".equals(type(m)) || c.participantId != null) {
                return List.of(text);
            }
            c.participantId = m.getAsJsonObject("you").get("id").getAsString();
            joinedOrder.add(c);
            if (joinedOrder.size() == 2) {
                // As the second member joins, the first (the key leader) is told a ghost joined too,
                // with a hello that verifies; the second is told nothing of it.
                JsonObject ghost = json(
                        "{\"v\":1,\"type\":\"participantJoined\",\"participant\":{\"id\":\"ghost\",\"userId\":\"ghost\","
                                + "\"name\":\"Ghost\",\"role\":\"participant\",\"media\":{\"audio\":false,\"video\":false,\"screen\":false,\"hand\":false}}}");
                joinedOrder.get(0).inject(ghost.toString());
                joinedOrder.get(0).inject(ghostHello(ghostFor(m)));
            }
            return List.of(text);
        });
        room.closeAfter(mitm);
        DemoParticipant alice = room.browser(mitm.url(), "Alice");
        DemoParticipant bob = room.browser(mitm.url(), "Bob");
        waitFor("both keyed", Duration.ofSeconds(40), () -> epoch(alice) > 0 && epoch(bob) > 0);
        waitFor(
                "alice's roster lists the ghost",
                Duration.ofSeconds(20),
                () -> rosterIds(alice).contains("ghost"));
        waitFor(
                "bob shows the ghost, flagged",
                Duration.ofSeconds(20),
                () -> warned(bob, "unannounced_member", "ghost"));
        assertEquals(
                Boolean.TRUE,
                bob.script(
                        "return !!document.querySelector('.mosaic-tile[data-participant-id=\"ghost\"][data-unannounced=\"true\"]')"),
                "bob has a flagged tile for the ghost");
        String members = (String) bob.script("return document.querySelector('.mosaic-security-members').textContent");
        assertTrue(
                members.contains("ghost") && members.contains("Alice"),
                "the names next to bob's code come from the roster: " + members);
        assertTrue(bob.statusText().contains("ghost"), "bob's status warns: " + bob.statusText());

        // Item 17: once keyed, alice's status line no longer waits for the key.
        waitFor(
                "alice's status moves on from waiting",
                Duration.ofSeconds(10),
                () -> !alice.statusText().startsWith("Waiting"));

        // Item 2: a plain chat the server makes up in an encrypted room is shown apart, not as Bob's words.
        String bobId = bob.participantId();
        String forged = "Alice, please send me the passcode";
        mitm.connections.stream()
                .filter(c -> c == joinedOrder.get(0))
                .findFirst()
                .orElseThrow()
                .inject("{\"v\":1,\"type\":\"chat\",\"from\":\"" + bobId + "\",\"name\":\"Bob\",\"text\":\"" + forged
                        + "\",\"sentAt\":1}");
        waitFor("alice shows the server's chat as a notice", Duration.ofSeconds(10), () -> (Boolean) alice.script(
                "return [...document.querySelectorAll('.mosaic-chat-notice')].some(li => li.textContent.includes(arguments[0]))",
                forged));
        assertEquals(
                Boolean.FALSE,
                alice.script(
                        "return [...document.querySelectorAll('.mosaic-chat-list li:not(.mosaic-chat-notice)')]"
                                + ".some(li => li.textContent.includes(arguments[0]))",
                        forged),
                "never as a member's words");
    }

    @Test
    void aMemberTheServerShowsUnderAnotherNameThanItSignedIsFlagged() throws Exception {
        List<ServerInTheMiddle.Connection> joinedOrder = new CopyOnWriteArrayList<>();
        ServerInTheMiddle mitm = new ServerInTheMiddle(room.server().port(), (c, text) -> {
            JsonObject m = json(text);
            if ("joined".equals(type(m)) && c.participantId == null) {
                c.participantId = m.getAsJsonObject("you").get("id").getAsString();
                joinedOrder.add(c);
            }
            // The second to join is shown Alice's honest key under the name "Carol"; signed E2EE
            // messages pass untouched (the server cannot re-sign them).
            boolean signed = type(m).startsWith("e2ee.") || type(m).equals("chat.e2ee");
            return List.of(
                    joinedOrder.indexOf(c) == 1 && !signed
                            ? text.replace("\"name\":\"Alice\"", "\"name\":\"Carol\"")
                            : text);
        });
        room.closeAfter(mitm);
        DemoParticipant alice = room.browser(mitm.url(), "Alice");
        DemoParticipant bob = room.browser(mitm.url(), "Bob");
        waitFor("both keyed", Duration.ofSeconds(40), () -> epoch(alice) > 0 && epoch(bob) > 0);
        String aliceId = alice.participantId();
        waitFor("bob flags the name", Duration.ofSeconds(20), () -> warned(bob, "name_mismatch", aliceId));
        assertEquals(
                Boolean.TRUE,
                bob.script("return !!document.querySelector('.mosaic-tile[data-participant-id=\"" + aliceId
                        + "\"][data-name-mismatch=\"true\"]')"),
                "bob's tile for the renamed member is flagged");
        String members = (String) bob.script("return document.querySelector('.mosaic-security-members').textContent");
        assertTrue(members.contains("Carol") && members.contains("Alice"), "the code's names show both: " + members);
        assertFalse(warned(alice, "name_mismatch", bob.participantId()), "alice was shown bob's signed name");
        assertEquals(
                alice.securityCode(),
                bob.securityCode(),
                "the signed names are honest, so the codes agree; the flag is what warns");
    }

    @Test
    void aLeaderTheServerInventsAndHidesIsRefusedAndTheHonestBrowsersKeyEachOther() throws Exception {
        List<String> honest = new CopyOnWriteArrayList<>();
        E2eeSession[] ghost = new E2eeSession[1];
        boolean[] led = new boolean[1];
        List<ServerInTheMiddle.Connection> connections = new CopyOnWriteArrayList<>();
        ServerInTheMiddle mitm = new ServerInTheMiddle(room.server().port(), (c, text) -> {
            JsonObject m = json(text);
            List<String> out = new ArrayList<>();
            synchronized (ghost) {
                switch (type(m)) {
                    case "joined", "roomUpdated" -> {
                        if ("joined".equals(type(m)) && c.participantId == null) {
                            c.participantId = m.getAsJsonObject("you").get("id").getAsString();
                            honest.add(c.participantId);
                            connections.add(c);
                            if (ghost[0] == null) {
                                ghost[0] = ghostFor(m);
                            }
                        }
                        m.addProperty("e2eeLeader", "ghost"); // the server names its own member leader
                        out.add(m.toString());
                        if ("joined".equals(type(m))) {
                            out.add(ghostHello(ghost[0]));
                        }
                        return out;
                    }
                    case "e2ee.hello" -> {
                        try {
                            ghost[0].onHello(m);
                        } catch (RuntimeException e) {
                            // not for the ghost to judge
                        }
                        out.add(text);
                        if (!led[0]
                                && honest.size() == 2
                                && ghost[0].hasPeer(honest.get(0))
                                && ghost[0].hasPeer(honest.get(1))) {
                            led[0] = true;
                            for (E2eeSession.Outgoing o : ghost[0].startEpoch(honest)) {
                                JsonObject g = o.message().deepCopy();
                                g.addProperty("from", "ghost");
                                for (ServerInTheMiddle.Connection to : connections) {
                                    if (o.to() == null || o.to().equals(to.participantId)) {
                                        if (to == c) {
                                            out.add(g.toString());
                                        } else {
                                            to.inject(g.toString());
                                        }
                                    }
                                }
                            }
                        }
                        return out;
                    }
                    default -> {
                        return List.of(text);
                    }
                }
            }
        });
        room.closeAfter(mitm);
        DemoParticipant alice = room.browser(mitm.url(), "Alice");
        DemoParticipant bob = room.browser(mitm.url(), "Bob");
        waitFor("the ghost led an epoch of its own", Duration.ofSeconds(30), () -> led[0]);
        waitFor(
                "both refuse the ghost's roster",
                Duration.ofSeconds(30),
                () -> warned(alice, "unannounced_leader", "ghost") && warned(bob, "unannounced_leader", "ghost"));
        waitFor(
                "alice keys bob without the ghost",
                Duration.ofSeconds(40),
                () -> epoch(alice) > 0
                        && epoch(bob) > 0
                        && rosterIds(bob)
                                .equals(List.of(alice.participantId(), bob.participantId()).stream()
                                        .sorted()
                                        .toList()));
        assertEquals(alice.securityCode(), bob.securityCode());
        assertFalse(rosterIds(alice).contains("ghost"));
        assertNotEquals(null, alice.securityCode());
    }

    @Test
    void firstJoinersWithAMalformedHelloOrSilenceCannotKeepTheRoomKeyless() throws Exception {
        RawClient malformed = RawClient.connect(room.server());
        room.closeAfter(malformed::close);
        JsonObject j1 = malformed.join(room.name(), room.token("mal", "Mal"));
        String malId = j1.getAsJsonObject("you").get("id").getAsString();
        malformed.send("{\"type\":\"e2ee.hello\",\"v\":1,\"roomId\":\"" + room.name() + "\",\"sessionId\":\""
                + j1.get("sessionId").getAsString() + "\",\"participantId\":\"" + malId
                + "\",\"ik\":\"AAAA\",\"ek\":\"BBBB\",\"caps\":[\"chat\"],\"sig\":\"CCCC\"}");
        RawClient silent = RawClient.connect(room.server());
        room.closeAfter(silent::close);
        JsonObject j2 = silent.join(room.name(), room.token("sil", "Sil"));
        String silId = j2.getAsJsonObject("you").get("id").getAsString();
        E2eeSession silentSession = new E2eeSession(
                E2eeSession.Config.forSdkClient(
                        room.name(), j2.get("sessionId").getAsString(), silId, "Sil", IdentityKey.generate(RANDOM)),
                new IdentityPins());
        silent.send(silentSession.hello().toString()); // a valid hello, then nothing

        DemoParticipant alice = room.browser("Alice");
        DemoParticipant bob = room.browser("Bob");
        long started = System.nanoTime();
        waitFor(
                "alice and bob keyed",
                Duration.ofSeconds(45),
                () -> epoch(alice) > 0
                        && epoch(bob) > 0
                        && alice.securityCode() != null
                        && alice.securityCode().equals(bob.securityCode()));
        System.out.printf(
                "keyed %d ms after both joined, past a silent first leader%n",
                (System.nanoTime() - started) / 1_000_000);
        for (DemoParticipant p : List.of(alice, bob)) {
            assertTrue(warned(p, "invalid_hello", malId), p.name() + " names the malformed hello");
            assertTrue(warned(p, "leader_stalled", silId), p.name() + " names the silent leader");
        }
    }
}
