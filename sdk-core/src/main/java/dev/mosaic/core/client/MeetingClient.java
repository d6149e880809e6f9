package dev.mosaic.core.client;

import dev.mosaic.core.e2ee.E2eeSession;
import dev.mosaic.core.e2ee.IdentityKey;
import dev.mosaic.core.e2ee.IdentityPins;
import dev.mosaic.core.e2ee.LeaderElection;
import dev.mosaic.core.e2ee.RosterEntry;
import dev.mosaic.core.protocol.ClientMessage;
import dev.mosaic.core.protocol.ErrorCode;
import dev.mosaic.core.protocol.MediaKind;
import dev.mosaic.core.protocol.MediaState;
import dev.mosaic.core.protocol.MessageCodec;
import dev.mosaic.core.protocol.Participant;
import dev.mosaic.core.protocol.ProtocolException;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.core.protocol.ServerMessage;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A participant in a Mosaic meeting, from plain Java: bots, tests, server-side integrations.
 * <pre>{@code
 * try (MeetingClient client = MeetingClient.builder(URI.create("wss://meet.example.org/ws"), "maths-101", token)
 *         .listener(new MeetingClientListener() {
 *             public void onChat(ServerMessage.Chat chat) { System.out.println(chat.name() + ": " + chat.text()); }
 *         }).build()) {
 *     client.join();
 *     client.sendChat("Hello from Java");
 * }
 * }</pre>
 * When the connection drops, the client reconnects and resumes its session (the others see nothing)
 * within the server's grace period, or joins afresh with its token after it.
 * <p>Thread-safe. Messages are handled, and listener callbacks run, on one event thread per client.
 */
public final class MeetingClient implements AutoCloseable {
    /** Close code the server uses when this session was resumed on another connection. */
    private static final int CLOSE_RESUMED_ELSEWHERE = 4001;
    private static final int MAX_HELD_OUTGOING = 100;
    private static final String JOIN_ID = "join";
    /** How often the E2EE key leader checks for acks, rotations and heartbeats. */
    private static final long TICK_MILLIS = 200;

    private enum State { NEW, CONNECTING, WAITING, JOINED, RECONNECTING, LEFT }

    private final URI server;
    private final String room;
    private final String token;
    private final String passcode;
    private final MeetingClientListener listener;
    private final Duration reconnectFor;
    private final IdentityKey identity;
    private final IdentityPins pins;
    private final ExecutorService events;
    private final ScheduledExecutorService reconnector;
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final CompletableFuture<ServerMessage.Joined> joined = new CompletableFuture<>();
    private final CountDownLatch finished = new CountDownLatch(1);

    private volatile State state = State.NEW;
    private volatile Socket socket;
    private volatile Participant self;
    private volatile boolean e2ee;
    private volatile boolean locked;
    private volatile List<MediaKind> unmuteLocked = List.of();
    private volatile String leftReason;
    /** Changed only on the event thread; read from any thread under its own lock. */
    private final Map<String, Participant> participants = Collections.synchronizedMap(new LinkedHashMap<>());
    // Touched only on the event thread.
    private final ArrayDeque<String> heldOutgoing = new ArrayDeque<>();
    private String resumeSecret;
    private String resumeRequestId;
    private long reconnectDeadline;
    private int attempt;
    private E2eeParticipant e2eeParticipant;
    private ScheduledFuture<?> e2eeTicker;
    private volatile String securityCode;
    private volatile long e2eeEpoch;

    private MeetingClient(Builder b) {
        this.server = b.server;
        this.room = b.room;
        this.token = b.token;
        this.passcode = b.passcode;
        this.listener = b.listener;
        this.reconnectFor = b.reconnectFor;
        this.identity = b.identity != null ? b.identity : IdentityKey.generate(new SecureRandom());
        this.pins = b.pins != null ? b.pins : new IdentityPins();
        this.events = Executors.newSingleThreadExecutor(r -> daemon(r, "mosaic-client-events"));
        this.reconnector = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "mosaic-client-reconnect"));
    }

    /** {@code server} is the signaling URL, e.g. {@code wss://meet.example.org/ws}. */
    public static Builder builder(URI server, String room, String token) {
        return new Builder(server, room, token);
    }

    /** Joins with a 15 s limit. See {@link #join(Duration)}. */
    public ServerMessage.Joined join() throws MeetingException, InterruptedException {
        return join(Duration.ofSeconds(15));
    }

    /**
     * Connects and joins; returns once in the room. With a waiting room, waits (up to {@code timeout})
     * until a host admits you. Throws with the server's code (e.g. {@code token_expired}, {@code room_full}).
     */
    public ServerMessage.Joined join(Duration timeout) throws MeetingException, InterruptedException {
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException("join() may be called once per client");
            }
            state = State.CONNECTING;
        }
        Socket s = new Socket();
        socket = s;
        if (!s.connectBlocking(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            shutDown();
            throw new MeetingException(null, "could not connect to " + server);
        }
        s.send(MessageCodec.encode(new ClientMessage.Join(JOIN_ID, room, token, passcode)));
        try {
            return joined.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MeetingException m) {
                throw m;
            }
            throw new MeetingException(null, String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            s.close();
            shutDown();
            throw new MeetingException(null, "not in the room after " + timeout.toSeconds() + " s");
        }
    }

    /** You, as the others see you; null before joining. */
    public Participant self() {
        return self;
    }

    /** Everyone else in the room, in join order. */
    public List<Participant> participants() {
        synchronized (participants) {
            return List.copyOf(participants.values());
        }
    }

    public String room() {
        return room;
    }

    public boolean e2ee() {
        return e2ee;
    }

    public boolean locked() {
        return locked;
    }

    /** Kinds of media participants may not turn on themselves in this room (hosts always may). */
    public List<MediaKind> unmuteLocked() {
        return unmuteLocked;
    }

    /**
     * In an end-to-end encrypted room, the 30-digit security code of the current key roster (compare
     * it with the others'); null before the first roster or in a room without E2EE.
     */
    public String securityCode() {
        return securityCode;
    }

    /** In an end-to-end encrypted room, the epoch of the meeting key in use for sending; 0 before the first. */
    public long e2eeEpoch() {
        return e2eeEpoch;
    }

    /** This client's Ed25519 identity public key (the {@code ik} others see in the roster). */
    public byte[] identityPublicKey() {
        return identity.publicKey();
    }

    /** True while in the room (including while reconnecting). */
    public boolean inMeeting() {
        return state == State.JOINED || state == State.RECONNECTING;
    }

    /**
     * Sends a chat message to the room. In an end-to-end encrypted room it goes out as {@code chat.e2ee},
     * encrypted and signed (held until the first meeting key is active), and comes back to your own
     * {@link MeetingClientListener#onChat} at once, as the server does not echo encrypted chat.
     */
    public void sendChat(String text) {
        Objects.requireNonNull(text);
        Participant me = self;
        if (me != null && me.role() == Role.VIEWER) {
            // The server refuses it too; failing here keeps an encrypted room from showing it locally.
            throw new IllegalStateException("viewers cannot chat until a host promotes them to participant");
        }
        if (!e2ee) {
            send(new ClientMessage.Chat(nextId(), text));
            return;
        }
        if (text.length() > ClientMessage.MAX_CHAT_CHARS) {
            throw new IllegalArgumentException("chat message of " + text.length() + " characters exceeds " + ClientMessage.MAX_CHAT_CHARS);
        }
        execute(() -> {
            if (e2eeParticipant == null) {
                return;
            }
            e2eeParticipant.sendChat(text);
            Participant sender = self;
            listener.onChat(new ServerMessage.Chat(sender.id(), sender.name(), text, System.currentTimeMillis()));
        });
    }

    /** Tells the room what you are sending. */
    public void setMedia(MediaState media) {
        send(new ClientMessage.UpdateMedia(nextId(), Objects.requireNonNull(media)));
    }

    /** Raises ({@code true}) or lowers your hand, keeping your media state. */
    public void raiseHand(boolean up) {
        MediaState m = self != null ? self.media() : MediaState.NONE;
        setMedia(new MediaState(m.audio(), m.video(), m.screen(), up));
    }

    /** Host only: turn off one kind of someone's media. */
    public void mute(String participantId, MediaKind kind) {
        send(new ClientMessage.Mute(nextId(), participantId, kind));
    }

    /** Host only: send someone out of the room. */
    public void remove(String participantId) {
        send(new ClientMessage.Remove(nextId(), participantId));
    }

    /** Host only: refuse new joins ({@code true}) or accept them again. */
    public void lock(boolean lock) {
        send(new ClientMessage.Lock(nextId(), lock));
    }

    /** Host only: let someone in from the waiting room. */
    public void admit(String participantId) {
        send(new ClientMessage.Admit(nextId(), participantId));
    }

    /** Host only: turn someone away from the waiting room. */
    public void deny(String participantId) {
        send(new ClientMessage.Deny(nextId(), participantId));
    }

    /** Host only: end the meeting for everyone. */
    public void end() {
        send(new ClientMessage.End(nextId()));
    }

    /** Host only: turn off one kind of media (e.g. everyone's microphone) for everyone who is not a host. */
    public void muteAll(MediaKind kind) {
        send(new ClientMessage.MuteAll(nextId(), Objects.requireNonNull(kind)));
    }

    /** Host only: mute everyone who is not a host; with {@code allowUnmute} false they may not turn it back on. */
    public void muteAll(MediaKind kind, boolean allowUnmute) {
        send(new ClientMessage.MuteAll(nextId(), Objects.requireNonNull(kind), allowUnmute));
    }

    /** Host only: whether participants may turn {@code kind} on themselves (the room's setting). */
    public void allowUnmute(MediaKind kind, boolean allowed) {
        send(new ClientMessage.AllowUnmute(nextId(), Objects.requireNonNull(kind), allowed, null));
    }

    /** Host only: lets one participant turn {@code kind} on although the room does not, or takes that back. */
    public void allowUnmute(String participantId, MediaKind kind, boolean allowed) {
        send(new ClientMessage.AllowUnmute(nextId(), Objects.requireNonNull(kind), allowed, Objects.requireNonNull(participantId)));
    }

    /** Host only: make someone a host too. */
    public void promote(String participantId) {
        send(new ClientMessage.Promote(nextId(), participantId));
    }

    /**
     * Host only: raises a participant to {@code role}; {@link Role#PARTICIPANT} lets a viewer speak,
     * chat and share. Roles are never lowered.
     */
    public void promote(String participantId, Role role) {
        if (role == Role.VIEWER) {
            throw new IllegalArgumentException("promote raises a role: host or participant");
        }
        send(new ClientMessage.Promote(nextId(), participantId, role == Role.HOST ? "host" : "participant"));
    }

    /**
     * Reports someone to the hosts and the application (at most 500 characters of reason). The
     * reported person is not told.
     */
    public void report(String participantId, String reason) {
        send(new ClientMessage.Report(nextId(), participantId, Objects.requireNonNull(reason)));
    }

    /**
     * Sends any client message, e.g. a WebRTC {@link ClientMessage.Offer}. While reconnecting,
     * up to 100 messages are held and sent once back in the room.
     */
    public void send(ClientMessage message) {
        sendText(MessageCodec.encode(message));
    }

    private void sendText(String text) {
        State s = state;
        if (s == State.JOINED || s == State.WAITING) {
            Socket current = socket;
            if (current != null && current.isOpen()) {
                try {
                    current.send(text);
                    return;
                } catch (WebsocketNotConnectedException e) {
                    // dropped just now: hold it below until the session is back
                }
            }
        }
        if (s == State.RECONNECTING || s == State.JOINED) {
            execute(() -> {
                if (heldOutgoing.size() == MAX_HELD_OUTGOING) {
                    heldOutgoing.removeFirst();
                }
                heldOutgoing.addLast(text);
            });
            return;
        }
        throw new IllegalStateException("not in a meeting (" + s.name().toLowerCase() + ")");
    }

    /** Leaves the meeting (waiting up to 2 s for the server to confirm) and frees the client's threads. */
    public void leave() throws InterruptedException {
        State s = state;
        Socket current = socket;
        if ((s == State.JOINED || s == State.WAITING) && current != null && current.isOpen()) {
            current.send(MessageCodec.encode(new ClientMessage.Leave("leave")));
            if (finished.await(2, TimeUnit.SECONDS)) {
                return;
            }
        }
        execute(() -> finish("left"));
        finished.await(2, TimeUnit.SECONDS);
        shutDown();
    }

    /** Same as {@link #leave()}. */
    @Override
    public void close() throws InterruptedException {
        if (state != State.LEFT) {
            leave();
        }
    }

    /** Why the client left, once it has ({@code left}, {@code ended}, {@code removed}, ...). */
    public String leftReason() {
        return leftReason;
    }

    // ---- on the event thread ----

    private void onText(Socket from, String text) {
        if (from != socket || state == State.LEFT) {
            return;
        }
        ServerMessage message;
        try {
            message = MessageCodec.decodeServer(text);
        } catch (ProtocolException e) {
            return; // a newer server's message type: ignore it, as the protocol asks
        }
        if (message instanceof ServerMessage.Joined j) {
            onJoined(j);
        } else if (message instanceof ServerMessage.Waiting) {
            state = State.WAITING;
            listener.onWaiting();
        } else if (message instanceof ServerMessage.ParticipantJoined m) {
            participants.put(m.participant().id(), m.participant());
            listener.onParticipantJoined(m.participant());
        } else if (message instanceof ServerMessage.E2ee m) {
            if (e2eeParticipant != null) {
                e2eeParticipant.onMessage(m.type(), m.text(), presentIds());
            }
        } else if (message instanceof ServerMessage.ParticipantLeft m) {
            if (e2eeParticipant != null) {
                e2eeParticipant.participantLeft(m.participantId());
            }
            Participant gone = participants.remove(m.participantId());
            if (gone != null) {
                listener.onParticipantLeft(gone, m.reason());
            }
        } else if (message instanceof ServerMessage.ParticipantUpdated m) {
            Participant p = m.participant();
            Participant before = p.id().equals(self != null ? self.id() : null) ? self : participants.get(p.id());
            if (self != null && p.id().equals(self.id())) {
                self = p;
            } else {
                participants.put(p.id(), p);
            }
            listener.onParticipantUpdated(p);
            if (p.media().hand() && (before == null || !before.media().hand())) {
                listener.onHandRaised(p);
            }
        } else if (message instanceof ServerMessage.Chat m) {
            if (e2ee) {
                // Members of an encrypted room only write chat.e2ee: plain text is the server's, never a member's words.
                listener.onE2eeError("plain_chat", "the server sent unencrypted chat into an end-to-end encrypted room; not shown");
            } else {
                listener.onChat(m);
            }
        } else if (message instanceof ServerMessage.Muted m) {
            listener.onMuted(m.by(), m.kind());
        } else if (message instanceof ServerMessage.UnmuteAllowed m) {
            listener.onUnmuteAllowed(m.by(), m.kind(), m.allowed());
        } else if (message instanceof ServerMessage.RoomUpdated m) {
            locked = m.locked();
            unmuteLocked = m.unmuteLocked() == null ? List.of() : List.copyOf(m.unmuteLocked());
            e2ee = m.e2ee();
            if (e2eeParticipant != null) {
                e2eeParticipant.leader(m.e2eeLeader());
                e2eeParticipant.tick(presentIds());
            }
            listener.onRoomUpdated(m);
        } else if (message instanceof ServerMessage.ParticipantWaiting m) {
            listener.onParticipantWaiting(m.participant());
        } else if (message instanceof ServerMessage.ParticipantWaitingLeft m) {
            listener.onParticipantWaitingLeft(m.participantId(), m.reason());
        } else if (message instanceof ServerMessage.Reported m) {
            listener.onReported(m);
        } else if (message instanceof ServerMessage.Left m) {
            finish(m.reason());
        } else if (message instanceof ServerMessage.Error m) {
            onError(m);
        } else {
            listener.onSignal(message); // offer, answer, candidate, view.constraints
        }
    }

    private void onJoined(ServerMessage.Joined j) {
        boolean reconnecting = state == State.RECONNECTING;
        boolean seamless = reconnecting && j.id() != null && j.id().equals(resumeRequestId);
        self = j.you();
        synchronized (participants) {
            participants.clear();
            j.participants().forEach(p -> participants.put(p.id(), p));
        }
        resumeSecret = j.resume();
        e2ee = j.e2ee();
        locked = j.locked();
        unmuteLocked = j.unmuteLocked() == null ? List.of() : List.copyOf(j.unmuteLocked());
        state = State.JOINED;
        attempt = 0;
        Socket current = socket;
        while (!heldOutgoing.isEmpty()) {
            current.send(heldOutgoing.removeFirst());
        }
        if (j.e2ee()) {
            startE2ee(j, seamless);
        }
        if (joined.complete(j)) {
            listener.onJoined(j);
        } else {
            listener.onReconnected(j, seamless);
        }
    }

    /** A new participant session (first join, or back after the grace period) gets new E2EE state. */
    private void startE2ee(ServerMessage.Joined j, boolean seamless) {
        if (!seamless || e2eeParticipant == null) {
            if (e2eeParticipant != null) {
                e2eeParticipant.close();
            }
            e2eeParticipant = new E2eeParticipant(room, j.sessionId(), j.you().id(), identity, pins, this::sendText,
                    new E2eeParticipant.Events() {
                        @Override
                        public void chat(E2eeSession.ChatText chat) {
                            Participant from = participants.get(chat.from());
                            listener.onChat(new ServerMessage.Chat(chat.from(), from != null ? from.name() : chat.from(),
                                    chat.text(), System.currentTimeMillis()));
                        }

                        @Override
                        public void peerHello(E2eeSession.Peer peer) {
                            Participant p = participants.get(peer.participantId());
                            if (p != null && p.userId() != null
                                    && pins.pinForUser(p.userId(), peer.ik()) == IdentityPins.Continuity.CHANGED) {
                                listener.onIdentityKeyChanged(p);
                            }
                        }

                        @Override
                        public void securityCode(String code, boolean changed) {
                            securityCode = code;
                            listener.onSecurityCode(code, changed);
                        }

                        @Override
                        public void epochActivated(long epoch) {
                            e2eeEpoch = epoch;
                        }

                        @Override
                        public void failure(String reason, String message) {
                            listener.onE2eeError(reason, message);
                        }

                        @Override
                        public void roster(List<RosterEntry> members) {
                            listener.onE2eeRoster(members);
                        }

                        @Override
                        public void holder(Optional<LeaderElection.Holder> holder) {
                            listener.onE2eeWaiting(holder.map(LeaderElection.Holder::participantId).orElse(null),
                                    holder.map(LeaderElection.Holder::reason).orElse(null));
                        }
                    }, presentIds());
            e2eeParticipant.start();
        }
        e2eeParticipant.leader(j.e2eeLeader());
        if (e2eeTicker == null) {
            try {
                e2eeTicker = reconnector.scheduleAtFixedRate(() -> execute(() -> {
                    if (e2eeParticipant != null && state == State.JOINED) {
                        e2eeParticipant.tick(presentIds());
                    }
                }), TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // shutting down
            }
        }
    }

    private List<String> presentIds() {
        synchronized (participants) {
            return List.copyOf(participants.keySet());
        }
    }

    private void onError(ServerMessage.Error e) {
        if (state == State.RECONNECTING && e.id() != null && e.id().equals(resumeRequestId)) {
            // The grace period passed: come back as a new participant with the token.
            socket.send(MessageCodec.encode(new ClientMessage.Join(JOIN_ID, room, token, passcode)));
            return;
        }
        if (JOIN_ID.equals(e.id()) && state != State.JOINED) {
            MeetingException failure = new MeetingException(e.code(), e.message());
            if (!joined.completeExceptionally(failure)) {
                listener.onError(e.code(), e.message(), e.id());
            }
            finish("disconnected");
            return;
        }
        listener.onError(e.code(), e.message(), e.id());
    }

    private void onClosed(Socket from, int code) {
        if (from != socket || state == State.LEFT) {
            return;
        }
        boolean wasIn = state == State.JOINED || state == State.RECONNECTING;
        if (!wasIn || code == CLOSE_RESUMED_ELSEWHERE || reconnectFor.isZero()) {
            joined.completeExceptionally(new MeetingException(null, "connection closed (" + code + ")"));
            finish("disconnected");
            return;
        }
        if (state == State.JOINED) {
            state = State.RECONNECTING;
            reconnectDeadline = System.nanoTime() + reconnectFor.toNanos();
            attempt = 0;
            listener.onReconnecting();
            scheduleAttempt();
        } else if (from.opened) {
            scheduleAttempt(); // a reconnection attempt got in, then dropped again
        }
    }

    private void scheduleAttempt() {
        long delay = Math.min(100L << Math.min(attempt, 6), 5000);
        attempt++;
        try {
            reconnector.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    /** On the reconnect thread: opens a new socket and asks to resume. */
    private void reconnect() {
        if (state != State.RECONNECTING) {
            return;
        }
        if (System.nanoTime() > reconnectDeadline) {
            execute(() -> finish("disconnected"));
            return;
        }
        Socket s = new Socket();
        socket = s;
        try {
            if (s.connectBlocking(5, TimeUnit.SECONDS)) {
                execute(() -> {
                    if (socket == s && state == State.RECONNECTING) {
                        resumeRequestId = "resume-" + nextId.getAndIncrement();
                        s.send(MessageCodec.encode(new ClientMessage.Resume(resumeRequestId, resumeSecret)));
                    }
                });
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        execute(this::scheduleAttempt);
    }

    private void finish(String reason) {
        if (state == State.LEFT) {
            return;
        }
        state = State.LEFT;
        leftReason = reason;
        if (e2eeParticipant != null) {
            e2eeParticipant.close();
            e2eeParticipant = null;
        }
        joined.completeExceptionally(new MeetingException(
                "denied".equals(reason) ? ErrorCode.FORBIDDEN : null, "left the meeting: " + reason));
        Socket current = socket;
        if (current != null) {
            current.close();
        }
        listener.onLeft(reason);
        finished.countDown();
        shutDown();
    }

    private void shutDown() {
        reconnector.shutdownNow();
        events.shutdown();
    }

    private void execute(Runnable task) {
        try {
            events.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // A listener threw: keep the client alive for the next message.
                    Thread t = Thread.currentThread();
                    t.getUncaughtExceptionHandler().uncaughtException(t, e);
                }
            });
        } catch (RejectedExecutionException e) {
            // the client has shut down
        }
    }

    private String nextId() {
        return String.valueOf(nextId.getAndIncrement());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** One WebSocket; a reconnection makes a new one. Hands everything to the event thread. */
    private final class Socket extends WebSocketClient {
        volatile boolean opened;

        Socket() {
            super(server);
            setConnectionLostTimeout(20);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            opened = true;
        }

        @Override
        public void onMessage(String message) {
            execute(() -> onText(this, message));
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            execute(() -> onClosed(this, code));
        }

        @Override
        public void onError(Exception ex) {
            // onClose follows
        }
    }

    /** Settings for a {@link MeetingClient}. */
    public static final class Builder {
        private final URI server;
        private final String room;
        private final String token;
        private String passcode;
        private MeetingClientListener listener = new MeetingClientListener() {};
        private Duration reconnectFor = Duration.ofSeconds(60);
        private IdentityKey identity;
        private IdentityPins pins;

        private Builder(URI server, String room, String token) {
            this.server = Objects.requireNonNull(server, "server");
            this.room = Objects.requireNonNull(room, "room");
            this.token = Objects.requireNonNull(token, "token");
        }

        /**
         * The Ed25519 identity key this client shows in end-to-end encrypted rooms. Keep it across runs
         * (e.g. {@code IdentityKeyFile.loadOrCreate}) so others can pin it; default: a new key per client.
         */
        public Builder identityKey(IdentityKey identity) {
            this.identity = Objects.requireNonNull(identity);
            return this;
        }

        /**
         * Where this client remembers each user's identity key, to warn through
         * {@link MeetingClientListener#onIdentityKeyChanged} when someone shows up with another one
         * (e.g. {@code IdentityPinsFile.open(path)} to remember across runs); default: in memory.
         */
        public Builder identityPins(IdentityPins pins) {
            this.pins = Objects.requireNonNull(pins);
            return this;
        }

        public Builder listener(MeetingClientListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        /** The room's passcode, if it has one. */
        public Builder passcode(String passcode) {
            this.passcode = passcode;
            return this;
        }

        /** How long to keep trying after a drop (default 60 s); {@link Duration#ZERO} turns reconnecting off. */
        public Builder reconnectFor(Duration duration) {
            this.reconnectFor = Objects.requireNonNull(duration);
            return this;
        }

        public MeetingClient build() {
            return new MeetingClient(this);
        }
    }
}
