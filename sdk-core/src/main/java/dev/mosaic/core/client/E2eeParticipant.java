package dev.mosaic.core.client;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mosaic.core.e2ee.E2eeException;
import dev.mosaic.core.e2ee.E2eeSession;
import dev.mosaic.core.e2ee.IdentityKey;
import dev.mosaic.core.e2ee.IdentityPins;
import dev.mosaic.core.e2ee.LeaderElection;
import dev.mosaic.core.e2ee.Roster;
import dev.mosaic.core.e2ee.RosterEntry;
import dev.mosaic.core.e2ee.RosterMember;
import dev.mosaic.core.e2ee.RotationSchedule;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A {@link MeetingClient}'s end-to-end encryption for one room session: moves the WMX1 messages
 * between the {@link E2eeSession} and the socket, plays the key leader when the rule of
 * {@link LeaderElection} names this participant (the server's choice is only a hint), takes
 * rosters, keys and activations only from the leader that rule names, compares every roster with
 * the members the server shows, and rotates keys on joins, leaves, leader changes and every 5
 * minutes. Touched only on the client's event thread.
 */
final class E2eeParticipant {
    private static final Duration HEARTBEAT = Duration.ofSeconds(10);
    private static final int MAX_PENDING_CHAT = 100;
    private static final int MAX_HELD_PER_SENDER = 32;
    private static final Set<String> LEADER_TYPES = Set.of("e2ee.roster", "e2ee.key", "e2ee.activate");

    /** What the participant reports to its client. */
    interface Events {
        void chat(E2eeSession.ChatText chat);

        void securityCode(String code, boolean changed);

        void epochActivated(long epoch);

        void failure(String reason, String message);

        /** A verified hello: the peer's identity key, for trust-on-first-use across meetings. */
        void peerHello(E2eeSession.Peer peer);

        /** The accepted roster's members, each flagged when the server does not show it. */
        default void roster(List<RosterEntry> members) {}

        /** The name the server shows for a participant, or null when it shows none. */
        default String shownName(String participantId) {
            return null;
        }

        /** Who keeps the room without a key (empty once nobody does). */
        default void holder(Optional<LeaderElection.Holder> holder) {}
    }

    private final E2eeSession session;
    private final String selfId;
    private final IdentityKey identity;
    private final Consumer<String> send;
    private final Events events;
    private final Clock clock;
    private final RotationSchedule schedule;
    private final ArrayDeque<String> pendingChat = new ArrayDeque<>();
    private final LeaderElection election;
    private final Map<String, ArrayDeque<Held>> held = new LinkedHashMap<>();
    private Optional<LeaderElection.Holder> reportedHolder = Optional.empty();
    private boolean leader;
    private Instant nextHeartbeat;
    private long reportedEpoch;
    private String reportedCode;

    private record Held(String type, String text) {}

    /** {@code earlier}: the others {@code joined} listed, in join order. */
    E2eeParticipant(
            String room,
            String sessionId,
            String selfId,
            String selfName,
            IdentityKey identity,
            IdentityPins pins,
            Consumer<String> send,
            Events events,
            Collection<String> earlier) {
        this(
                room,
                sessionId,
                selfId,
                selfName,
                identity,
                pins,
                send,
                events,
                earlier,
                Clock.systemUTC(),
                LeaderElection.DEADLINE);
    }

    /** {@code selfName}: the name {@code joined} gave this participant; its hello signs it. */
    E2eeParticipant(
            String room,
            String sessionId,
            String selfId,
            String selfName,
            IdentityKey identity,
            IdentityPins pins,
            Consumer<String> send,
            Events events,
            Collection<String> earlier,
            Clock clock,
            Duration leaderDeadline) {
        pins.newSession();
        E2eeSession.Config c = E2eeSession.Config.forSdkClient(room, sessionId, selfId, selfName, identity);
        this.session = new E2eeSession(
                new E2eeSession.Config(
                        c.roomId(),
                        c.sessionId(),
                        c.participantId(),
                        c.name(),
                        c.identity(),
                        c.ephemeral(),
                        c.dtlsFingerprint(),
                        c.caps(),
                        clock,
                        c.random()),
                pins);
        this.selfId = selfId;
        this.identity = identity;
        this.send = send;
        this.events = events;
        this.clock = clock;
        this.schedule = new RotationSchedule(clock);
        this.election = new LeaderElection(selfId, earlier, clock, leaderDeadline);
    }

    void start() {
        send.accept(session.hello().toString());
    }

    String securityCode() {
        return session.securityCode();
    }

    /** The current roster's member ids, sorted (empty before the first roster). */
    List<String> currentRosterIds() {
        Roster roster = session.currentRoster();
        return roster == null
                ? List.of()
                : roster.members().stream()
                        .map(RosterMember::participantId)
                        .sorted()
                        .toList();
    }

    String currentRosterLeader() {
        Roster roster = session.currentRoster();
        return roster == null ? null : roster.leaderId();
    }

    long activeEpoch() {
        return session.activeEpoch().orElse(0);
    }

    /**
     * The server's choice of key leader is only a hint: the leader is the one {@link LeaderElection}
     * names from what this client sees, so a server cannot appoint someone nobody sees.
     */
    void leader(String serverHint) {
        // deliberately unused: see updateLeader
    }

    /** Applies the leader rule: takes the role or hands it on, and skips a leader past its deadline. */
    private void updateLeader(Collection<String> present) {
        election.present(present);
        election.checkStalled()
                .ifPresent(stalled -> events.failure(
                        "leader_stalled",
                        stalled + " did not hand out the meeting key in time; the next member takes over"));
        boolean now = election.leader().map(selfId::equals).orElse(false);
        if (now && !leader) {
            schedule.leaderChanged();
        }
        leader = now;
        Optional<LeaderElection.Holder> h = election.holder();
        if (!h.equals(reportedHolder)) {
            reportedHolder = h;
            events.holder(h);
        }
    }

    /** The leader that is holding this participant up, if any. */
    Optional<LeaderElection.Holder> holder() {
        return reportedHolder;
    }

    /**
     * Rosters, keys and activations count only from the leader the rule names: from a member it may
     * name soon they are held and tried again on every tick, from anyone else refused.
     */
    private boolean admitFromLeader(
            String type, String text, JsonObject m, Collection<String> present, boolean replay) {
        String field = "e2ee.roster".equals(type) ? "leaderId" : "from";
        if (!m.has(field) || !m.get(field).isJsonPrimitive()) {
            return true; // the session refuses it as malformed
        }
        String sender = m.get(field).getAsString();
        election.present(present);
        LeaderElection.Verdict verdict = election.judge(sender);
        if (verdict == LeaderElection.Verdict.ACCEPT) {
            return true;
        }
        if (verdict == LeaderElection.Verdict.HOLD && !replay) {
            ArrayDeque<Held> queue = held.computeIfAbsent(sender, k -> new ArrayDeque<>());
            if (queue.size() == MAX_HELD_PER_SENDER) {
                queue.removeFirst();
            }
            queue.addLast(new Held(type, text));
        } else if (verdict == LeaderElection.Verdict.REFUSE && "e2ee.roster".equals(type) && !sender.equals(selfId)) {
            if (election.isShown(sender)) {
                events.failure(
                        "not_leader",
                        sender + " sent a key roster but is not the key leader by the rule; it was refused");
            } else {
                events.failure(
                        "unannounced_leader",
                        "a key roster came from " + sender
                                + ", whom the server does not show in the meeting; it was refused");
            }
        }
        return false;
    }

    private void replayHeld(Collection<String> present) {
        for (String sender : List.copyOf(held.keySet())) {
            LeaderElection.Verdict verdict = election.judge(sender);
            if (verdict == LeaderElection.Verdict.HOLD) {
                continue;
            }
            ArrayDeque<Held> queue = held.remove(sender);
            if (verdict == LeaderElection.Verdict.ACCEPT) {
                queue.forEach(h -> handle(h.type(), h.text(), present, true));
            }
        }
    }

    /**
     * Every roster member is reported; one the server does not show is flagged (a hidden member), and so
     * is one the server shows under another name than the one it signed.
     */
    private void rosterAccepted(Roster roster) {
        List<String> ids =
                roster.members().stream().map(RosterMember::participantId).toList();
        election.rosterAccepted(ids, session.activeEpoch().isPresent() && ids.contains(selfId));
        List<RosterEntry> members = roster.members().stream()
                .map(m -> {
                    String id = m.participantId();
                    boolean self = id.equals(selfId);
                    String shown = self ? m.name() : events.shownName(id);
                    return new RosterEntry(
                            id,
                            m.name(),
                            self || election.isShown(id),
                            self || session.hasPeer(id),
                            shown == null || shown.equals(m.name()));
                })
                .toList();
        events.roster(members);
        for (RosterEntry e : members) {
            if (!e.announced()) {
                events.failure(
                        "unannounced_member",
                        "the key roster lists " + e.participantId() + ", whom the server does not show in the meeting");
            } else if (!e.nameAsShown()) {
                events.failure(
                        "name_mismatch",
                        e.participantId() + " signed the name \"" + e.signedName() + "\" but the server shows \""
                                + events.shownName(e.participantId()) + "\"");
            }
        }
    }

    /** Someone left: as leader, rotate so that the leaver's key stops working. */
    void participantLeft(String participantId) {
        Roster roster = session.currentRoster();
        if (leader && roster != null && roster.member(participantId) != null) {
            schedule.memberLeft();
        }
    }

    /** A relayed {@code e2ee.*} or {@code chat.e2ee} text. */
    void onMessage(String type, String text, Collection<String> present) {
        handle(type, text, present, false);
        tick(present);
    }

    private void handle(String type, String text, Collection<String> present, boolean replay) {
        try {
            JsonObject m = JsonParser.parseString(text).getAsJsonObject();
            if (LEADER_TYPES.contains(type) && !admitFromLeader(type, text, m, present, replay)) {
                return;
            }
            switch (type) {
                case "e2ee.hello" -> {
                    E2eeSession.Peer peer;
                    try {
                        peer = session.onHello(m);
                    } catch (RuntimeException e) {
                        String sender = m.has("from")
                                ? m.get("from").getAsString()
                                : m.has("participantId")
                                        ? m.get("participantId").getAsString()
                                        : null;
                        if (sender == null) {
                            throw e;
                        }
                        // Such a member never leads: the rule skips it at once, and the client learns who it is.
                        election.helloInvalid(sender);
                        events.failure(
                                "invalid_hello", "the hello of " + sender + " did not verify: " + e.getMessage());
                        return;
                    }
                    election.helloVerified(peer.participantId());
                    events.peerHello(peer);
                    Roster roster = session.currentRoster();
                    if (leader && (roster == null || roster.member(peer.participantId()) == null)) {
                        schedule.memberJoined();
                    }
                }
                case "e2ee.roster" -> {
                    Roster roster = session.onRoster(m).roster();
                    RosterMember me = roster.member(selfId);
                    if (me != null && !MessageDigest.isEqual(me.ik(), identity.publicKey())) {
                        events.failure(
                                "identity_changed",
                                "the roster lists this participant with another identity key:"
                                        + " someone (the server?) substituted keys; the security codes will differ");
                    }
                    election.rosterFrom(roster.leaderId());
                    rosterAccepted(roster);
                }
                case "e2ee.key" -> send.accept(session.onKey(m).ack().toString());
                case "e2ee.activate" -> session.onActivate(m);
                case "e2ee.ack" -> sendAll(session.onAck(m));
                case "chat.e2ee" -> events.chat(session.decryptChat(m));
                default -> {}
            }
        } catch (E2eeException e) {
            events.failure(e.reason().code(), e.getMessage());
        } catch (RuntimeException e) {
            events.failure("malformed", type + " could not be read: " + e.getMessage());
        }
    }

    /** Sends {@code text} encrypted, or holds it until the first key is active. */
    void sendChat(String text) {
        if (session.activeEpoch().isEmpty()) {
            if (pendingChat.size() == MAX_PENDING_CHAT) {
                pendingChat.removeFirst();
            }
            pendingChat.addLast(text);
            return;
        }
        send.accept(session.encryptChat(text).toString());
    }

    /** Tells the client about a new security code or a newly active epoch, once each. */
    private void report() {
        String code = session.securityCode();
        if (code != null && !code.equals(reportedCode)) {
            boolean changed = reportedCode != null;
            reportedCode = code;
            events.securityCode(code, changed);
        }
        long epoch = activeEpoch();
        if (epoch != reportedEpoch) {
            reportedEpoch = epoch;
            election.keyActive();
            events.epochActivated(epoch);
            List<String> held = new ArrayList<>(pendingChat);
            pendingChat.clear();
            held.forEach(this::sendChat);
        }
    }

    /** Called every few hundred ms: the leader's activations, re-sends, rotations and heartbeat. */
    void tick(Collection<String> present) {
        updateLeader(present);
        replayHeld(present);
        if (!leader) {
            report();
            return;
        }
        try {
            if (schedule.isDue()) {
                schedule.epochStarted();
                sendAll(session.startEpoch(present));
                rosterAccepted(session.currentRoster()); // the leader's own roster is shown like any other
                nextHeartbeat = clock.instant().plus(HEARTBEAT);
            } else {
                sendAll(session.pollLeader());
            }
        } catch (E2eeException e) {
            events.failure(e.reason().code(), e.getMessage());
        }
        report();
        if (nextHeartbeat != null && !clock.instant().isBefore(nextHeartbeat)) {
            session.rosterHeartbeat().ifPresent(o -> send.accept(o.message().toString()));
            nextHeartbeat = clock.instant().plus(HEARTBEAT);
        }
    }

    /** Leaving: every key is deleted. */
    void close() {
        session.leave();
        pendingChat.clear();
    }

    private void sendAll(List<E2eeSession.Outgoing> out) {
        for (E2eeSession.Outgoing o : out) {
            send.accept(o.message().toString());
        }
    }
}
