package dev.mosaic.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mosaic.core.e2ee.E2eeSession;
import dev.mosaic.core.e2ee.IdentityKey;
import dev.mosaic.core.e2ee.IdentityPins;
import dev.mosaic.core.e2ee.LeaderElection;
import dev.mosaic.core.e2ee.ManualClock;
import dev.mosaic.core.e2ee.RosterEntry;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The Java client's E2EE participant against a lying server: an in-memory relay that shows each
 * participant the member list it chooses and injects a member of its own. Honest participants must
 * warn or differ, never agree in silence; a leader that never delivers is replaced by the rule.
 * A hand-moved clock drives every deadline, so nothing here sleeps.
 */
class E2eeParticipantRosterTest {
    private static final String ROOM = "maths-101";
    private static final String SESSION = "session-1";
    private static final Duration DEADLINE = Duration.ofSeconds(6);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ManualClock clock = new ManualClock();
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Map<String, List<String>> shown = new HashMap<>();
    /** Names the server shows a viewer for some participants instead of the names they signed. */
    private final Map<String, Map<String, String>> renamed = new HashMap<>();

    private final Map<String, String> hellos = new LinkedHashMap<>();
    private final ArrayDeque<String[]> inFlight = new ArrayDeque<>();
    private final List<JsonObject> toGhost = new ArrayList<>();

    /** What one participant reported to its client. */
    private static final class Member {
        E2eeParticipant participant;
        final List<String> failures = new ArrayList<>();
        final List<List<RosterEntry>> rosters = new ArrayList<>();
        final List<Optional<LeaderElection.Holder>> holders = new ArrayList<>();
    }

    /** Sends like the server: stamps {@code from}, keeps hellos for later joiners, unicasts by {@code to}. */
    private void send(String from, String text) {
        JsonObject m = JsonParser.parseString(text).getAsJsonObject();
        if (!m.has("from")) {
            m.addProperty("from", from);
        }
        String type = m.get("type").getAsString();
        if ("e2ee.hello".equals(type)) {
            hellos.put(from, m.toString());
        }
        if (m.has("to")) {
            if ("ghost".equals(m.get("to").getAsString())) {
                toGhost.add(m);
            }
            inFlight.add(new String[] {m.get("to").getAsString(), type, m.toString()});
        } else {
            for (String id : members.keySet()) {
                if (!id.equals(from)) {
                    inFlight.add(new String[] {id, type, m.toString()});
                }
            }
        }
    }

    private void deliver(String to, JsonObject m) {
        inFlight.add(new String[] {to, m.get("type").getAsString(), m.toString()});
    }

    private Member join(String id) {
        Member member = new Member();
        members.put(id, member);
        member.participant = new E2eeParticipant(
                ROOM,
                SESSION,
                id,
                "Name of " + id,
                IdentityKey.generate(RANDOM),
                new IdentityPins(),
                text -> send(id, text),
                new E2eeParticipant.Events() {
                    @Override
                    public void chat(E2eeSession.ChatText chat) {}

                    @Override
                    public void securityCode(String code, boolean changed) {}

                    @Override
                    public void epochActivated(long epoch) {}

                    @Override
                    public void failure(String reason, String message) {
                        member.failures.add(reason + ": " + message);
                    }

                    @Override
                    public void peerHello(E2eeSession.Peer peer) {}

                    @Override
                    public String shownName(String participantId) {
                        return !shownTo(id).contains(participantId)
                                ? null
                                : renamed.getOrDefault(id, Map.of())
                                        .getOrDefault(participantId, "Name of " + participantId);
                    }

                    @Override
                    public void roster(List<RosterEntry> roster) {
                        member.rosters.add(roster);
                    }

                    @Override
                    public void holder(Optional<LeaderElection.Holder> holder) {
                        member.holders.add(holder);
                    }
                },
                shownTo(id),
                clock,
                DEADLINE);
        hellos.forEach((from, hello) -> inFlight.add(new String[] {id, "e2ee.hello", hello}));
        member.participant.start();
        return member;
    }

    private List<String> shownTo(String id) {
        return shown.getOrDefault(id, List.of());
    }

    /** Delivers everything in flight, ticks everyone, moves the clock 100 ms; until {@code done} or 30 s. */
    private void runUntil(String what, BooleanSupplier done) {
        Instant end = clock.instant().plusSeconds(30);
        while (!done.getAsBoolean()) {
            assertTrue(clock.instant().isBefore(end), "not within 30 s: " + what);
            while (!inFlight.isEmpty()) {
                String[] d = inFlight.removeFirst();
                Member target = members.get(d[0]);
                if (target != null) {
                    target.participant.onMessage(d[1], d[2], shownTo(d[0]));
                }
            }
            members.forEach((id, m) -> m.participant.tick(shownTo(id)));
            clock.advance(Duration.ofMillis(100));
        }
    }

    /** Alice and Bob, as the server showed them to each other. */
    private record Pair(Member alice, Member bob) {}

    /** Alice joins, then Bob; the server shows each the other, after the members in {@code earlier}. */
    private Pair aliceThenBob(String... earlier) {
        shown.put("alice", List.of(earlier));
        Member alice = join("alice");
        shown.put("bob", with(earlier, "alice"));
        Member bob = join("bob");
        shown.put("alice", with(earlier, "bob"));
        return new Pair(alice, bob);
    }

    private static List<String> with(String[] earlier, String last) {
        List<String> ids = new ArrayList<>(List.of(earlier));
        ids.add(last);
        return List.copyOf(ids);
    }

    /** A member of the server's own making (a ghost, a squatter): a session of its own. */
    private static E2eeSession outsider(String id, String name) {
        return new E2eeSession(
                E2eeSession.Config.forSdkClient(ROOM, SESSION, id, name, IdentityKey.generate(RANDOM)),
                new IdentityPins());
    }

    /** {@code outsider}'s hello as the server relays it, stamped with its sender. */
    private static JsonObject helloOf(E2eeSession outsider, String id) {
        JsonObject hello = outsider.hello();
        hello.addProperty("from", id);
        return hello;
    }

    private static List<String> rosterIds(E2eeParticipant p) {
        return p.currentRosterIds();
    }

    private static boolean warned(Member m, String reason, String about) {
        return m.failures.stream().anyMatch(f -> f.startsWith(reason + ":") && f.contains(about));
    }

    @Test
    void aGhostSlippedIntoTheLeadersListIsReportedToTheOthersAsUnannounced() {
        Pair both = aliceThenBob();
        Member alice = both.alice(), bob = both.bob();
        shown.put("alice", List.of("bob", "ghost")); // only the leader is told a ghost joined
        deliver("alice", helloOf(outsider("ghost", "Ghost"), "ghost"));

        runUntil(
                "bob hears of a roster with the ghost",
                () -> bob.rosters.stream()
                        .anyMatch(
                                r -> r.stream().anyMatch(e -> e.participantId().equals("ghost"))));
        RosterEntry g = bob.rosters.get(bob.rosters.size() - 1).stream()
                .filter(e -> e.participantId().equals("ghost"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                new RosterEntry("ghost", "Ghost", false, false, true),
                g,
                "shown to bob, flagged as not announced and not verified");
        assertTrue(warned(bob, "unannounced_member", "ghost"), bob.failures.toString());
        assertFalse(
                toGhost.isEmpty(),
                "the leader did wrap the key for the ghost: bob seeing it is what saves the meeting");
        assertTrue(
                alice.rosters.get(alice.rosters.size() - 1).stream().allMatch(RosterEntry::announced),
                "alice was told of the ghost");
    }

    @Test
    void aMemberShownUnderAnotherNameThanItSignedIsFlagged() {
        renamed.put("bob", Map.of("alice", "Name of carol")); // the server shows bob alice's key under carol's name
        Pair both = aliceThenBob();
        Member alice = both.alice(), bob = both.bob();

        runUntil("both keyed", () -> alice.participant.activeEpoch() > 0 && bob.participant.activeEpoch() > 0);
        RosterEntry a = bob.rosters.get(bob.rosters.size() - 1).stream()
                .filter(e -> e.participantId().equals("alice"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                new RosterEntry("alice", "Name of alice", true, true, false),
                a,
                "alice's signed name, flagged as shown otherwise");
        assertTrue(warned(bob, "name_mismatch", "Name of carol"), bob.failures.toString());
        assertTrue(alice.failures.stream().noneMatch(f -> f.startsWith("name_mismatch")), alice.failures.toString());
    }

    @Test
    void aLeaderTheServerInventsAndHidesIsRefused() {
        Pair both = aliceThenBob();
        Member alice = both.alice(), bob = both.bob();
        runUntil("alice keys bob", () -> bob.participant.activeEpoch() > 0);

        E2eeSession ghost = outsider("ghost", "Ghost");
        ghost.onHello(JsonParser.parseString(hellos.get("alice")).getAsJsonObject());
        ghost.onHello(JsonParser.parseString(hellos.get("bob")).getAsJsonObject());
        JsonObject hello = helloOf(ghost, "ghost");
        deliver("alice", hello);
        deliver("bob", hello);
        String code = alice.participant.securityCode();
        for (E2eeSession.Outgoing o : ghost.startEpoch(List.of("alice", "bob"))) {
            // A fresh session: the ghost's roster starts a chain of its own, as a server's would.
            JsonObject m = o.message().deepCopy();
            m.addProperty("from", "ghost");
            for (String to : o.to() == null ? List.of("alice", "bob") : List.of(o.to())) {
                deliver(to, m);
            }
        }
        runUntil(
                "both refuse the ghost's roster",
                () -> warned(alice, "unannounced_leader", "ghost") && warned(bob, "unannounced_leader", "ghost"));
        assertEquals(List.of("alice", "bob"), rosterIds(bob.participant));
        assertEquals(code, alice.participant.securityCode());
        assertEquals(alice.participant.securityCode(), bob.participant.securityCode());
    }

    @Test
    void aSilentFirstMemberIsReplacedAfterTheDeadlineAndNamed() {
        hellos.put(
                "squatter",
                helloOf(outsider("squatter", "Squatter"), "squatter").toString());
        Pair both = aliceThenBob("squatter");
        Member alice = both.alice(), bob = both.bob();
        Instant start = clock.instant();

        runUntil("alice and bob keyed", () -> alice.participant.activeEpoch() > 0 && bob.participant.activeEpoch() > 0);
        assertTrue(Duration.between(start, clock.instant()).compareTo(DEADLINE) >= 0, "not before the deadline");
        assertEquals(alice.participant.securityCode(), bob.participant.securityCode());
        for (Member m : List.of(alice, bob)) {
            assertTrue(
                    m.holders.contains(Optional.of(new LeaderElection.Holder("squatter", "key"))),
                    m.holders.toString());
            assertTrue(warned(m, "leader_stalled", "squatter"), m.failures.toString());
        }
        runUntil("nobody holds things up", () -> bob.participant.holder().isEmpty());
        assertEquals("alice", bob.participant.currentRosterLeader());
    }

    @Test
    void aFirstMemberWithAMalformedHelloIsSkippedAtOnce() {
        JsonObject hello = helloOf(outsider("squatter", "Squatter"), "squatter");
        String sig = hello.get("sig").getAsString();
        hello.addProperty("sig", (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1));
        hellos.put("squatter", hello.toString());
        Pair both = aliceThenBob("squatter");
        Member alice = both.alice(), bob = both.bob();
        Instant start = clock.instant();

        runUntil("alice and bob keyed", () -> alice.participant.activeEpoch() > 0 && bob.participant.activeEpoch() > 0);
        assertTrue(
                Duration.between(start, clock.instant()).compareTo(DEADLINE) < 0,
                "no need to wait for a hello that failed");
        assertTrue(warned(bob, "invalid_hello", "squatter"), bob.failures.toString());
        assertEquals(List.of("alice", "bob"), rosterIds(bob.participant));
        assertNotNull(alice.participant.securityCode());
        assertEquals(alice.participant.securityCode(), bob.participant.securityCode());
    }
}
