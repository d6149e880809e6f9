package dev.mosaic.core.client;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mosaic.core.e2ee.E2eeException;
import dev.mosaic.core.e2ee.E2eeSession;
import dev.mosaic.core.e2ee.IdentityKey;
import dev.mosaic.core.e2ee.IdentityPins;
import dev.mosaic.core.e2ee.Roster;
import dev.mosaic.core.e2ee.RosterMember;
import dev.mosaic.core.e2ee.RotationSchedule;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link MeetingClient}'s end-to-end encryption for one room session: moves the WMX1 messages
 * between the {@link E2eeSession} and the socket, plays the key leader when the server names this
 * participant, and rotates keys on joins, leaves, leader changes and every 5 minutes.
 * Touched only on the client's event thread.
 */
final class E2eeParticipant {
    private static final Duration HEARTBEAT = Duration.ofSeconds(10);
    private static final int MAX_PENDING_CHAT = 100;

    /** What the participant reports to its client. */
    interface Events {
        void chat(E2eeSession.ChatText chat);

        void securityCode(String code, boolean changed);

        void epochActivated(long epoch);

        void failure(String reason, String message);

        /** A verified hello: the peer's identity key, for trust-on-first-use across meetings. */
        void peerHello(E2eeSession.Peer peer);
    }

    private final E2eeSession session;
    private final String selfId;
    private final IdentityKey identity;
    private final Consumer<String> send;
    private final Events events;
    private final Clock clock;
    private final RotationSchedule schedule;
    private final ArrayDeque<String> pendingChat = new ArrayDeque<>();
    private boolean leader;
    private Instant nextHeartbeat;
    private long reportedEpoch;
    private String reportedCode;

    E2eeParticipant(String room, String sessionId, String selfId, IdentityKey identity, IdentityPins pins,
                    Consumer<String> send, Events events) {
        pins.newSession();
        this.session = new E2eeSession(E2eeSession.Config.forSdkClient(room, sessionId, selfId, identity), pins);
        this.selfId = selfId;
        this.identity = identity;
        this.send = send;
        this.events = events;
        this.clock = Clock.systemUTC();
        this.schedule = new RotationSchedule(clock);
    }

    void start() {
        send.accept(session.hello().toString());
    }

    String securityCode() {
        return session.securityCode();
    }

    long activeEpoch() {
        return session.activeEpoch().orElse(0);
    }

    /** The server named the key leader; {@code present} are the others in the room. */
    void leader(String leaderId) {
        boolean now = selfId.equals(leaderId);
        if (now && !leader) {
            schedule.leaderChanged();
        }
        leader = now;
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
        try {
            JsonObject m = JsonParser.parseString(text).getAsJsonObject();
            switch (type) {
                case "e2ee.hello" -> {
                    E2eeSession.Peer peer = session.onHello(m);
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
                        events.failure("identity_changed", "the roster lists this participant with another identity key:"
                                + " someone (the server?) substituted keys; the security codes will differ");
                    }
                }
                case "e2ee.key" -> send.accept(session.onKey(m).ack().toString());
                case "e2ee.activate" -> session.onActivate(m);
                case "e2ee.ack" -> sendAll(session.onAck(m));
                case "chat.e2ee" -> events.chat(session.decryptChat(m));
                default -> { }
            }
        } catch (E2eeException e) {
            events.failure(e.reason().code(), e.getMessage());
        } catch (RuntimeException e) {
            events.failure("malformed", type + " could not be read: " + e.getMessage());
        }
        tick(present);
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
            events.epochActivated(epoch);
            List<String> held = new ArrayList<>(pendingChat);
            pendingChat.clear();
            held.forEach(this::sendChat);
        }
    }

    /** Called every few hundred ms: the leader's activations, re-sends, rotations and heartbeat. */
    void tick(Collection<String> present) {
        if (!leader) {
            report();
            return;
        }
        try {
            if (schedule.isDue()) {
                schedule.epochStarted();
                sendAll(session.startEpoch(present));
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
