package dev.mosaic.server.room;

import dev.mosaic.core.protocol.ErrorCode;
import dev.mosaic.core.protocol.HostAction;
import dev.mosaic.core.protocol.LeaveReason;
import dev.mosaic.core.protocol.MediaKind;
import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.core.protocol.MediaState;
import dev.mosaic.core.protocol.Participant;
import dev.mosaic.core.protocol.ProtocolException;
import dev.mosaic.core.protocol.Quoted;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.core.protocol.ServerMessage;
import dev.mosaic.server.events.Attendance;
import dev.mosaic.server.events.AttendanceRecord;
import dev.mosaic.server.events.Report;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One meeting held in this server's memory. Every change runs under the room's lock and sends its
 * messages (to non-blocking connections) and callbacks before releasing it, so everyone in the room
 * sees changes in the same order and no message can slip out to someone who has already left.
 */
final class InMemoryRoom implements Room {
    /**
     * Reports one token may file in this room, however often it leaves and comes back, so that hosts
     * cannot be flooded with them.
     */
    static final int MAX_REPORTS_PER_TOKEN = 20;
    /** Wrong passcodes one token may send to a room before it is refused there. */
    static final int MAX_WRONG_PASSCODES = 5;

    private static final SecureRandom RANDOM = new SecureRandom();
    private final String name;
    /** The room's record, which outlives this meeting; its options, fixed at creation, are kept here too. */
    private final RoomRecord record;

    private final RoomOptions options;
    private final RoomServices services;
    private final Ending onEnded;
    /** For a room created through the API, or kept after a meeting: removed at this time if nobody has entered; else null. */
    private final Instant expiresAt;
    /** Set as the meeting ends: whether the room goes with it (deleted or expired) or stays for the next one. */
    private boolean deleted;

    private final LinkedHashMap<String, Member> members = new LinkedHashMap<>();
    private final LinkedHashMap<String, Member> waiting = new LinkedHashMap<>();
    private final List<AttendanceRecord> attendance = new ArrayList<>();
    private final Map<String, Integer> openStays = new HashMap<>();
    private final String sessionId = randomHex(16);
    private boolean locked;
    /** Kinds participants may not turn on themselves (a host's "mute all, no unmuting"). */
    private final EnumSet<MediaKind> unmuteLocked = EnumSet.noneOf(MediaKind.class);

    private boolean ended;
    /** How media travel now (mesh or sfu): an auto room starts as a mesh. Written under the lock. */
    private volatile MediaMode media;

    /** Participant id of the E2EE key leader, or null. */
    private String e2eeLeader;

    private Instant startedAt;
    private Instant endedAt;

    /** Told, under the room's lock, that a meeting ended; {@code deleted} if the room goes with it. */
    @FunctionalInterface
    interface Ending {
        void ended(InMemoryRoom room, boolean deleted);
    }

    /**
     * {@code expiresAt}: for a room made through the API (or kept after a meeting), which waits, empty,
     * for its next participant until then; null for a room opened by a join.
     */
    InMemoryRoom(String name, RoomRecord record, Instant expiresAt, RoomServices services, Ending onEnded) {
        this.expiresAt = expiresAt;
        this.name = name;
        this.record = record;
        this.options = record.options();
        this.media = options.mediaOrMesh() == MediaMode.AUTO ? MediaMode.MESH : options.mediaOrMesh();
        this.services = services;
        this.onEnded = onEnded;
    }

    RoomRecord record() {
        return record;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public RoomOptions options() {
        return options;
    }

    @Override
    public MediaMode media() {
        return media;
    }

    /**
     * The whole room moves at once: {@code roomUpdated} first (clients drop their mesh links and take
     * the SFU), then each member's SFU side starts ({@code sfu.feeds}). Nobody leaves, so there is no
     * {@code participantLeft}, no attendance change and no webhook; E2EE keys and leader stay as they are.
     */
    @Override
    public synchronized boolean moveToSfu() {
        if (ended || options.mediaOrMesh() != MediaMode.AUTO || media == MediaMode.SFU) {
            return false;
        }
        media = MediaMode.SFU;
        broadcast(roomUpdated());
        for (Member m : List.copyOf(members.values())) {
            services.media().admitted(this, m);
            reportWithheld(m); // a host's locks made in the mesh hold on the media server from the start
        }
        return true;
    }

    @Override
    public synchronized void sfuUnavailable(String reason) {
        if (ended || media == MediaMode.SFU) {
            return;
        }
        sendToHosts(new ServerMessage.Error(
                ErrorCode.SFU_UNAVAILABLE,
                "this meeting has " + members.size() + " people, more than " + options.sfuThresholdOrDefault()
                        + ", but cannot move to the media server (" + reason + "): it stays a mesh for now",
                null));
    }

    /**
     * Lets {@code member} in, or into the waiting room when {@code toWaitingRoom} (hosts never wait).
     * Checks, in order: removed earlier, passcode, lock, capacity.
     */
    @Override
    public synchronized Entry enter(Member member, boolean toWaitingRoom, String passcode)
            throws ProtocolException, EndedException {
        if (ended) {
            throw new Room.EndedException();
        }
        boolean host = member.participant().role() == Role.HOST;
        if (record.isRemoved(tokenKey(member))) {
            throw new ProtocolException(
                    ErrorCode.FORBIDDEN, "you were removed from this meeting; ask for a new invitation");
        }
        if (!host && options.passcode() != null) {
            checkPasscode(member, passcode);
        }
        if (!host && locked) {
            throw new ProtocolException(ErrorCode.ROOM_LOCKED, "a host has locked this meeting; no one new can join");
        }
        takeSeatOf(member);
        if (!host && (toWaitingRoom || options.waitingRoom())) {
            waiting.put(member.id(), member);
            member.send(new ServerMessage.Waiting(member.joinRequestId()));
            sendToHosts(new ServerMessage.ParticipantWaiting(member.participant()));
            return Entry.WAITING;
        }
        admit(member);
        return Entry.JOINED;
    }

    /**
     * One seat per token: a leaked invitation cannot bring a second person in. A holder who is still
     * connected keeps the seat ({@code forbidden}); one whose connection dropped (a crashed tab that
     * reloads, within the resume grace period) is replaced at once.
     */
    private void takeSeatOf(Member newcomer) throws ProtocolException {
        String tokenId = newcomer.tokenId();
        if (tokenId == null) {
            return;
        }
        for (Member m : List.copyOf(members.values())) {
            if (tokenId.equals(m.tokenId())) {
                if (!m.detached()) {
                    throw new ProtocolException(
                            ErrorCode.FORBIDDEN, "this invitation is already in use in this meeting");
                }
                // Not leave(): the room must not end under the newcomer who is taking the seat.
                removeMember(m, LeaveReason.DISCONNECTED);
            }
        }
        for (Member w : waiting.values()) {
            if (tokenId.equals(w.tokenId())) {
                throw new ProtocolException(
                        ErrorCode.FORBIDDEN, "this invitation is already waiting to join this meeting");
            }
        }
    }

    /**
     * A wrong passcode costs the token one of {@value #MAX_WRONG_PASSCODES} tries in this room, so
     * that someone holding one token cannot guess a short passcode by trying them all.
     */
    private void checkPasscode(Member member, String passcode) throws ProtocolException {
        String key = tokenKey(member);
        if (record.wrongPasscodes(key) >= MAX_WRONG_PASSCODES) {
            throw new ProtocolException(
                    ErrorCode.RATE_LIMITED, "too many wrong passcodes with this invitation; ask for a new one");
        }
        if (passcode == null) {
            throw new ProtocolException(ErrorCode.UNAUTHORIZED, "this room needs a passcode: send it in join.passcode");
        }
        if (!sameSecret(options.passcode(), passcode)) {
            record.wrongPasscode(key);
            throw new ProtocolException(ErrorCode.UNAUTHORIZED, "wrong passcode");
        }
    }

    private void admit(Member member) throws ProtocolException {
        if (options.capacity() > 0 && members.size() >= options.capacity()) {
            throw new ProtocolException(
                    ErrorCode.ROOM_FULL, "this meeting is full (" + options.capacity() + " people)");
        }
        List<Participant> others = participants();
        members.put(member.id(), member);
        Participant p = member.participant();
        Instant now = services.clock().instant();
        if (startedAt == null) {
            startedAt = now;
            services.events().roomStarted(name, now);
            services.media().started(this);
        }
        openStays.put(p.id(), attendance.size());
        attendance.add(new AttendanceRecord(p.id(), p.userId(), p.name(), p.role(), now, null, null));
        sendJoined(member, member.joinRequestId(), others);
        for (Member m : members.values()) {
            if (m != member) {
                m.send(new ServerMessage.ParticipantJoined(p));
            }
        }
        services.events().participantJoined(name, p);
        services.media().admitted(this, member);
        reportWithheld(member);
        if (options.mediaOrMesh() == MediaMode.AUTO
                && media == MediaMode.MESH
                && members.size() > options.sfuThresholdOrDefault()) {
            services.media().crowded(this);
        }
    }

    private void sendJoined(Member member, String requestId, List<Participant> others) {
        String secret = services.resumes().issue(member, this);
        member.resumeSecret(secret);
        member.send(new ServerMessage.Joined(
                requestId,
                name,
                member.participant(),
                others,
                // TURN credentials name the stay (participant id), never the person.
                services.ice().serversFor(member.id(), services.clock().instant()),
                secret,
                options.e2ee(),
                locked,
                sessionId,
                e2eeLeader,
                services.ice().transportPolicy(),
                List.copyOf(unmuteLocked),
                media));
        if (member.participant().role() == Role.HOST) {
            waiting.values().forEach(w -> member.send(new ServerMessage.ParticipantWaiting(w.participant())));
        }
        // The others said hello before this member came: give it their hellos, as they were relayed.
        for (Member m : members.values()) {
            ServerMessage.E2ee hello = m.hello();
            if (m != member && hello != null) {
                member.send(hello);
            }
        }
    }

    /** The member asked to leave, or its grace period ran out: it leaves for good. */
    @Override
    public synchronized void leave(Member member, LeaveReason reason) {
        if (members.get(member.id()) == member) {
            removeMember(member, reason);
        } else if (waiting.remove(member.id(), member)) {
            sendToHosts(new ServerMessage.ParticipantWaitingLeft(member.id(), reason));
        }
        endIfEmpty();
    }

    /** Takes a member out of the room and tells everyone, without ending an emptied room. */
    private void removeMember(Member member, LeaveReason reason) {
        members.remove(member.id());
        services.resumes().forget(member.resumeSecret());
        closeStay(member.id(), reason);
        broadcast(new ServerMessage.ParticipantLeft(member.id(), reason));
        services.events().participantLeft(name, member.participant(), reason);
        services.media().left(this, member);
        updateE2eeLeader();
    }

    /**
     * The member's connection closed. A waiting member just goes. A member in the room leaves as
     * {@code disconnected}: at once if it closed on purpose ({@code keepPlace} false), else after the
     * resume grace period, during which the others see nothing.
     */
    @Override
    public void disconnected(Member member, Connection dropped, boolean keepPlace) {
        if (Thread.holdsLock(this)) {
            // A send from inside one of this room's changes failed and closed the socket on this very
            // thread: finish that change first, then handle the drop, so nobody sees a half-made change.
            try {
                services.timers().execute(() -> disconnected(member, dropped, keepPlace));
            } catch (RejectedExecutionException stopping) {
                // the server is stopping; every room goes with it
            }
            return;
        }
        synchronized (this) {
            disconnectedNow(member, dropped, keepPlace);
        }
    }

    private void disconnectedNow(Member member, Connection dropped, boolean keepPlace) {
        if (waiting.get(member.id()) == member && member.connection() == dropped) {
            waiting.remove(member.id());
            sendToHosts(new ServerMessage.ParticipantWaitingLeft(member.id(), LeaveReason.DISCONNECTED));
            endIfEmpty();
            return;
        }
        if (members.get(member.id()) != member) {
            return;
        }
        if (!keepPlace) {
            if (member.connection() == dropped) {
                leave(member, LeaveReason.DISCONNECTED);
            }
            return;
        }
        int detachment = member.detach(dropped);
        if (detachment < 0) {
            return;
        }
        services.timers()
                .schedule(
                        () -> expire(member, detachment), services.resumeGrace().toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void expire(Member member, int detachment) {
        if (members.get(member.id()) == member && member.detachedSince(detachment)) {
            leave(member, LeaveReason.DISCONNECTED);
        }
    }

    /** Puts a detached (or half-open) member back on {@code connection}; answers {@code joined}. */
    @Override
    public synchronized void resume(Member member, Connection connection, String requestId) throws ProtocolException {
        if (ended || members.get(member.id()) != member) {
            throw new ProtocolException(
                    ErrorCode.NOT_FOUND, "this session has ended; join again with your token", requestId);
        }
        Connection old = member.connection();
        List<ServerMessage> held = member.attach(connection);
        if (old != null && old != connection) {
            old.close(Connection.CLOSE_RESUMED_ELSEWHERE, "resumed on another connection");
        }
        services.resumes().forget(member.resumeSecret());
        List<Participant> others = new ArrayList<>();
        members.values().forEach(m -> {
            if (m != member) {
                others.add(m.participant());
            }
        });
        sendJoined(member, requestId, others);
        held.forEach(member::send);
    }

    @Override
    public synchronized void updateMedia(Member member, MediaState media) throws ProtocolException {
        if (members.get(member.id()) != member) {
            return;
        }
        Participant before = member.participant();
        for (MediaKind kind : unmuteLocked) {
            if (kind.isOn(media)
                    && !kind.isOn(before.media())
                    && before.role() != Role.HOST
                    && !member.mayUnmute(kind)) {
                throw new ProtocolException(
                        ErrorCode.FORBIDDEN,
                        "a host has turned off unmuting your " + kind.name().toLowerCase(java.util.Locale.ROOT)
                                + "; raise your hand to ask");
            }
        }
        Participant after = before.withMedia(media);
        member.participant(after);
        reportWithheld(member);
        broadcast(new ServerMessage.ParticipantUpdated(after));
        services.events().participantUpdated(name, after);
        if (media.hand() && !before.media().hand()) {
            services.events().handRaised(name, after);
        }
    }

    @Override
    public synchronized void chat(Member member, String text) {
        if (members.get(member.id()) != member) {
            return;
        }
        Instant now = services.clock().instant();
        broadcast(new ServerMessage.Chat(member.id(), member.participant().name(), text, now.toEpochMilli()));
        services.events().chat(name, member.participant(), text, now);
    }

    /** Sends {@code message} to participant {@code to} only; {@code not_found} if they are not in this room. */
    @Override
    public synchronized void relay(Member from, String to, ServerMessage message) throws ProtocolException {
        Member target = members.get(to);
        if (target == null || members.get(from.id()) != from) {
            throw new ProtocolException(ErrorCode.NOT_FOUND, "no participant " + Quoted.of(to) + " in this room");
        }
        target.send(message);
    }

    @Override
    public synchronized void relayE2ee(Member from, String to, ServerMessage.E2ee message) throws ProtocolException {
        if (!options.e2ee()) {
            throw new ProtocolException(
                    ErrorCode.FORBIDDEN,
                    "this room is not end-to-end encrypted; " + message.type() + " is not relayed");
        }
        if (members.get(from.id()) != from) {
            return;
        }
        switch (message.type()) {
            case "e2ee.roster", "e2ee.activate", "e2ee.key" -> {
                // Members apply the leader rule themselves (docs/e2ee.md): when the leader announced
                // here stalls, the next one takes over without asking. Only members that said hello
                // may try; the others refuse anyone the rule does not name.
                if (from.hello() == null) {
                    throw new ProtocolException(ErrorCode.FORBIDDEN, "say e2ee.hello before sending " + message.type());
                }
            }
            default -> {}
        }
        if (to != null) {
            relay(from, to, message);
            return;
        }
        if ("e2ee.hello".equals(message.type())) {
            from.hello(message);
        }
        for (Member m : members.values()) {
            if (m != from) {
                m.send(message);
            }
        }
        updateE2eeLeader();
    }

    /**
     * The leader is the earliest-joined member still here that has said hello; announce any change.
     * A leader keeps the role until it leaves, even if an earlier-joined member says hello later:
     * members accept a new leader only from the previous roster, which that member is not in yet.
     */
    private void updateE2eeLeader() {
        if (!options.e2ee() || ended) {
            return;
        }
        if (e2eeLeader != null && members.containsKey(e2eeLeader)) {
            return;
        }
        String leader = null;
        for (Member m : members.values()) {
            if (m.hello() != null) {
                leader = m.id();
                break;
            }
        }
        if (leader != null && !leader.equals(e2eeLeader)) {
            e2eeLeader = leader;
            broadcast(roomUpdated());
        } else if (leader == null) {
            e2eeLeader = null;
        }
    }

    private ServerMessage.RoomUpdated roomUpdated() {
        return new ServerMessage.RoomUpdated(
                locked, options.e2ee(), options.waitingRoom(), e2eeLeader, List.copyOf(unmuteLocked), media);
    }

    // ---- host actions; the caller has checked the role (or is the application, see Actor) ----

    @Override
    public synchronized void mute(Actor by, String targetId, MediaKind kind) throws ProtocolException {
        turnOff(by, inRoom(targetId), kind);
        services.events().hostAction(name, by.participant(), HostAction.MUTE, targetId);
    }

    /** Tells the target to stop sending {@code kind} and shows everyone its media as off right away. */
    private void turnOff(Actor by, Member target, MediaKind kind) {
        target.send(new ServerMessage.Muted(by.participantId(), kind));
        MediaState before = target.participant().media();
        MediaState after = kind.turnOff(before);
        if (!after.equals(before)) {
            Participant updated = target.participant().withMedia(after);
            target.participant(updated);
            reportWithheld(target);
            broadcast(new ServerMessage.ParticipantUpdated(updated));
            services.events().participantUpdated(name, updated);
        }
    }

    @Override
    public synchronized void remove(Actor by, String targetId) throws ProtocolException {
        Member target = inRoom(targetId);
        record.remove(tokenKey(target));
        target.send(new ServerMessage.Left(null, LeaveReason.REMOVED));
        target.close(Connection.CLOSE_DONE, "removed");
        services.events().hostAction(name, by.participant(), HostAction.REMOVE, targetId);
        leave(target, LeaveReason.REMOVED);
    }

    @Override
    public synchronized void muteAll(Actor by, MediaKind kind, Boolean allowUnmute) {
        if (ended) {
            return;
        }
        // The lock first, so everyone hears that unmuting is off before they hear they were muted.
        if (Boolean.FALSE.equals(allowUnmute)) {
            allowUnmute(by, kind, false);
        }
        for (Member target : List.copyOf(members.values())) {
            if (target.participant().role() != Role.HOST) {
                turnOff(by, target, kind);
            }
        }
        services.events().hostAction(name, by.participant(), HostAction.MUTE_ALL, null);
        if (Boolean.TRUE.equals(allowUnmute)) {
            allowUnmute(by, kind, true);
        }
    }

    @Override
    public synchronized void promote(Actor by, String targetId, Role role) throws ProtocolException {
        Member target = inRoom(targetId);
        if (rank(role) > rank(target.participant().role())) {
            Participant updated = target.participant().withRole(role);
            target.participant(updated);
            reportWithheld(target);
            broadcast(new ServerMessage.ParticipantUpdated(updated));
            if (role == Role.HOST) {
                // A new host sees the waiting room from now on, like one who joined as host.
                waiting.values().forEach(w -> target.send(new ServerMessage.ParticipantWaiting(w.participant())));
            }
            services.events().participantUpdated(name, updated);
        }
        services.events().hostAction(name, by.participant(), HostAction.PROMOTE, targetId);
    }

    /** Viewer below participant below host. */
    private static int rank(Role role) {
        return switch (role) {
            case VIEWER -> 0;
            case PARTICIPANT -> 1;
            case HOST -> 2;
        };
    }

    @Override
    public synchronized void report(Member reporter, String targetId, String reason) throws ProtocolException {
        if (reporter.id().equals(targetId)) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "you cannot report yourself");
        }
        Member target = inRoom(targetId);
        int filed = record.fileReport(tokenKey(reporter));
        if (filed > MAX_REPORTS_PER_TOKEN) {
            throw new ProtocolException(
                    ErrorCode.RATE_LIMITED,
                    "you have sent " + MAX_REPORTS_PER_TOKEN + " reports already in this room; the hosts have them");
        }
        Instant now = services.clock().instant();
        ServerMessage.Reported message =
                new ServerMessage.Reported(reporter.participant(), target.participant(), reason, now.toEpochMilli());
        members.values().stream()
                .filter(m -> m != target && m.participant().role() == Role.HOST)
                .forEach(m -> m.send(message));
        services.events().report(new Report(name, reporter.participant(), target.participant(), reason, now));
    }

    @Override
    public synchronized void allowUnmute(Actor by, MediaKind kind, boolean allowed) {
        if (ended) {
            return;
        }
        boolean changed = allowed ? unmuteLocked.remove(kind) : unmuteLocked.add(kind);
        if (allowed) {
            members.values().forEach(m -> m.allowUnmute(kind, false));
        }
        if (changed) {
            members.values().forEach(this::reportWithheld);
            broadcast(roomUpdated());
        }
        services.events()
                .hostAction(
                        name, by.participant(), allowed ? HostAction.ALLOW_UNMUTE : HostAction.DISALLOW_UNMUTE, null);
    }

    @Override
    public synchronized void allowUnmute(Actor by, String targetId, MediaKind kind, boolean allowed)
            throws ProtocolException {
        Member target = inRoom(targetId);
        target.allowUnmute(kind, allowed);
        target.send(new ServerMessage.UnmuteAllowed(by.participantId(), kind, allowed));
        if (!allowed && unmuteLocked.contains(kind) && target.participant().role() != Role.HOST) {
            turnOff(by, target, kind);
        }
        services.events()
                .hostAction(
                        name,
                        by.participant(),
                        allowed ? HostAction.ALLOW_UNMUTE : HostAction.DISALLOW_UNMUTE,
                        targetId);
    }

    /**
     * Tells the media path (an sfu room's Janus) which of {@code member}'s kinds to forward to nobody:
     * those locked for the room that the server does not have as on for them. A client that sends a
     * kind anyway (modified, or slow to obey {@code muted}) then reaches no one; hosts are never bound.
     */
    private void reportWithheld(Member member) {
        EnumSet<MediaKind> kinds = EnumSet.noneOf(MediaKind.class);
        Participant p = member.participant();
        if (p.role() != Role.HOST) {
            for (MediaKind kind : unmuteLocked) {
                if (!kind.isOn(p.media())) {
                    kinds.add(kind);
                }
            }
        }
        services.media().withheld(this, member, kinds);
    }

    @Override
    public synchronized void lock(Actor by, boolean lock) {
        if (ended) {
            return; // the application may act on a room that ended meanwhile: no event for a room that is gone
        }
        locked = lock;
        broadcast(roomUpdated());
        services.events().hostAction(name, by.participant(), lock ? HostAction.LOCK : HostAction.UNLOCK, null);
    }

    @Override
    public synchronized void admit(Actor by, String targetId) throws ProtocolException {
        Member w = waiting.get(targetId);
        if (w == null) {
            throw new ProtocolException(ErrorCode.NOT_FOUND, "no one called " + Quoted.of(targetId) + " is waiting");
        }
        admit(w);
        waiting.remove(targetId);
        sendToHosts(new ServerMessage.ParticipantWaitingLeft(targetId, LeaveReason.ADMITTED));
        services.events().hostAction(name, by.participant(), HostAction.ADMIT, targetId);
    }

    @Override
    public synchronized void deny(Actor by, String targetId) throws ProtocolException {
        Member w = waiting.remove(targetId);
        if (w == null) {
            throw new ProtocolException(ErrorCode.NOT_FOUND, "no one called " + Quoted.of(targetId) + " is waiting");
        }
        w.send(new ServerMessage.Left(w.joinRequestId(), LeaveReason.DENIED));
        w.close(Connection.CLOSE_DONE, "denied");
        sendToHosts(new ServerMessage.ParticipantWaitingLeft(targetId, LeaveReason.DENIED));
        services.events().hostAction(name, by.participant(), HostAction.DENY, targetId);
        endIfEmpty();
    }

    /**
     * A host ended the meeting: the room stays, with its settings and removals, for its next meeting
     * (see {@link RoomRecord}); the application ending it deletes it.
     */
    @Override
    public synchronized void end(Actor by) {
        services.events().hostAction(name, by.participant(), HostAction.END, null);
        finish(by == Actor.APPLICATION);
    }

    /** The application ends the meeting and deletes the room: everyone gets {@code left{reason:"ended"}}. */
    @Override
    public synchronized void end() {
        finish(true);
    }

    /**
     * Ends the meeting: everyone gets {@code left{reason:"ended"}} and is disconnected. {@code delete}:
     * the room goes too; else it may stay, empty, with its settings for the next meeting.
     */
    private void finish(boolean delete) {
        if (ended) {
            return;
        }
        ended = true;
        deleted = delete;
        endedAt = services.clock().instant();
        List<Member> inRoom = List.copyOf(members.values());
        List<Member> waited = List.copyOf(waiting.values());
        for (Member m : inRoom) {
            services.resumes().forget(m.resumeSecret());
            closeStay(m.id(), LeaveReason.ENDED);
            services.events().participantLeft(name, m.participant(), LeaveReason.ENDED);
        }
        members.clear();
        waiting.clear();
        if (startedAt != null) {
            services.events().roomEnded(name, attendance());
        }
        // The meeting's media go with it (one that never started has none).
        services.media().ended(this);
        onEnded.ended(this, deleted);
        // Told last, so that whoever hears "ended" finds the room already gone from the server's list.
        for (Member m : inRoom) {
            m.send(new ServerMessage.Left(null, LeaveReason.ENDED));
            m.close(Connection.CLOSE_DONE, "ended");
        }
        for (Member w : waited) {
            w.send(new ServerMessage.Left(w.joinRequestId(), LeaveReason.ENDED));
            w.close(Connection.CLOSE_DONE, "ended");
        }
    }

    /** True while {@code member} is in the waiting room. */
    @Override
    public synchronized boolean isWaiting(Member member) {
        return waiting.get(member.id()) == member;
    }

    @Override
    public synchronized boolean ended() {
        return ended;
    }

    @Override
    public synchronized RoomState state() {
        return new RoomState(
                name,
                options.e2ee(),
                options.capacity(),
                options.passcode() != null,
                options.waitingRoom(),
                locked,
                List.copyOf(unmuteLocked),
                startedAt,
                startedAt == null ? expiresAt : null,
                participants(),
                waiting.values().stream().map(Member::participant).toList(),
                options.mediaOrMesh(),
                media,
                options.mediaOrMesh() == MediaMode.AUTO ? options.sfuThresholdOrDefault() : null);
    }

    @Override
    public synchronized Attendance attendance() {
        return new Attendance(name, startedAt, endedAt, attendance);
    }

    private Member inRoom(String id) throws ProtocolException {
        Member m = members.get(id);
        if (m == null) {
            throw new ProtocolException(ErrorCode.NOT_FOUND, "no participant " + Quoted.of(id) + " in this room");
        }
        return m;
    }

    private List<Participant> participants() {
        return members.values().stream().map(Member::participant).toList();
    }

    private void closeStay(String participantId, LeaveReason reason) {
        Integer index = openStays.remove(participantId);
        if (index != null) {
            attendance.set(index, attendance.get(index).left(services.clock().instant(), reason));
        }
    }

    /** A room created through the API and not started yet stays until someone comes, it expires or is ended. */
    private void endIfEmpty() {
        if (members.isEmpty() && waiting.isEmpty() && (startedAt != null || expiresAt == null)) {
            finish(false);
        }
    }

    /**
     * Ends this room if it was created through the API, nobody has entered it and nobody is waiting,
     * and {@code now} is past its expiry. A room that started ends with its last person instead; one
     * with someone waiting stays until they are admitted or go.
     */
    synchronized boolean expireIfUnused(Instant now) {
        if (ended || expiresAt == null || startedAt != null || !waiting.isEmpty() || now.isBefore(expiresAt)) {
            return false;
        }
        finish(true);
        return true;
    }

    private void broadcast(ServerMessage message) {
        List.copyOf(members.values()).forEach(m -> m.send(message));
    }

    private void sendToHosts(ServerMessage message) {
        List.copyOf(members.values()).stream()
                .filter(m -> m.participant().role() == Role.HOST)
                .forEach(m -> m.send(message));
    }

    /**
     * What removals, reports and wrong passcodes are counted against: the token ({@code jti}), so that
     * leaving and joining again with it resets nothing.
     */
    private static String tokenKey(Member member) {
        return member.tokenId() != null ? member.tokenId() : "participant:" + member.id();
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static boolean sameSecret(String expected, String given) {
        return given != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
