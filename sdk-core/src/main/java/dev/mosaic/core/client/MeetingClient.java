package dev.mosaic.core.client;

import dev.mosaic.core.e2ee.E2eeSession;
import dev.mosaic.core.e2ee.IdentityKey;
import dev.mosaic.core.e2ee.IdentityPins;
import dev.mosaic.core.e2ee.LeaderElection;
import dev.mosaic.core.e2ee.RosterEntry;
import dev.mosaic.core.protocol.ClientMessage;
import dev.mosaic.core.protocol.LeaveReason;
import dev.mosaic.core.protocol.MediaKind;
import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.core.protocol.MediaState;
import dev.mosaic.core.protocol.MessageCodec;
import dev.mosaic.core.protocol.Participant;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.core.protocol.ServerMessage;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

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
 * within the server's grace period, or joins afresh with its token after it ({@link ReconnectPolicy}).
 * <p>A thin front over three parts that each own one thing: the connection ({@code SignalingConnection}:
 * sockets, the state table, reconnecting), the room as this client sees it ({@code LocalRoom}), and the host
 * commands ({@link #host()}). End-to-end encryption ({@code E2eeParticipant}) does no I/O of its own: this
 * class wires it to the connection and the room.
 * <p>Thread-safe. Messages are handled, and listener callbacks run, on one event thread per client.
 */
public final class MeetingClient implements AutoCloseable {
    /** How often the E2EE key leader checks for acks, rotations and heartbeats. */
    private static final long TICK_MILLIS = 200;

    private final String room;
    private final MeetingClientListener listener;
    private final IdentityKey identity;
    private final IdentityPins pins;
    private final SignalingConnection connection;
    private final LocalRoom localRoom;
    private final HostCommands host;
    // Touched only on the event thread.
    private E2eeParticipant e2eeParticipant;
    private ScheduledFuture<?> e2eeTicker;
    private volatile String securityCode;
    private volatile long e2eeEpoch;

    private MeetingClient(Builder b) {
        this.room = b.room;
        this.listener = b.listener;
        this.identity = b.identity != null ? b.identity : IdentityKey.generate(new SecureRandom());
        this.pins = b.pins != null ? b.pins : new IdentityPins();
        this.localRoom = new LocalRoom(listener);
        this.connection = new SignalingConnection(b.server, b.room, b.token, b.passcode, b.reconnect, new Events());
        this.host = new HostCommands(this::send, connection::nextId);
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
        return connection.join(timeout);
    }

    /** You, as the others see you; null before joining. */
    public Participant self() {
        return localRoom.self();
    }

    /** Everyone else in the room, in join order. */
    public List<Participant> participants() {
        return localRoom.participants();
    }

    public String room() {
        return room;
    }

    public boolean e2ee() {
        return localRoom.e2ee();
    }

    public boolean locked() {
        return localRoom.locked();
    }

    /**
     * How the room's media travel now: {@code MESH} or {@code SFU} ({@code joined.media}; an {@code auto}
     * room moves from mesh to SFU as it grows, see {@link MeetingClientListener#onMediaModeChanged}); null
     * before the first {@code joined}.
     */
    public MediaMode media() {
        return localRoom.media();
    }

    /** Kinds of media participants may not turn on themselves in this room (hosts always may). */
    public List<MediaKind> unmuteLocked() {
        return localRoom.unmuteLocked();
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

    /** Where the connection is: connecting, waiting, joined, reconnecting, left. */
    public ConnectionState state() {
        return connection.state();
    }

    /** True while in the room (including while reconnecting). */
    public boolean inMeeting() {
        return connection.state().inMeeting();
    }

    /** Why the client left, once it has ({@code LEFT}, {@code ENDED}, {@code REMOVED}, ...); null before. */
    public LeaveReason leftReason() {
        return connection.leftReason();
    }

    /** What a host can do: mute, remove, lock, admit, promote, end... (refused with {@code forbidden} for others). */
    public HostCommands host() {
        return host;
    }

    /**
     * Sends a chat message to the room. In an end-to-end encrypted room it goes out as {@code chat.e2ee},
     * encrypted and signed (held until the first meeting key is active), and comes back to your own
     * {@link MeetingClientListener#onChat} at once, as the server does not echo encrypted chat.
     */
    public void sendChat(String text) {
        Objects.requireNonNull(text);
        Participant me = localRoom.self();
        if (me != null && me.role() == Role.VIEWER) {
            // The server refuses it too; failing here keeps an encrypted room from showing it locally.
            throw new IllegalStateException("viewers cannot chat until a host promotes them to participant");
        }
        if (!localRoom.e2ee()) {
            send(new ClientMessage.Chat(connection.nextId(), text));
            return;
        }
        if (text.length() > ClientMessage.MAX_CHAT_CHARS) {
            throw new IllegalArgumentException(
                    "chat message of " + text.length() + " characters exceeds " + ClientMessage.MAX_CHAT_CHARS);
        }
        connection.execute(() -> {
            if (e2eeParticipant == null) {
                return;
            }
            e2eeParticipant.sendChat(text);
            Participant sender = localRoom.self();
            listener.onChat(new ServerMessage.Chat(sender.id(), sender.name(), text, System.currentTimeMillis()));
        });
    }

    /** Tells the room what you are sending. */
    public void setMedia(MediaState media) {
        send(new ClientMessage.UpdateMedia(connection.nextId(), Objects.requireNonNull(media)));
    }

    /** Raises ({@code true}) or lowers your hand, keeping your media state. */
    public void raiseHand(boolean up) {
        Participant me = localRoom.self();
        MediaState m = me != null ? me.media() : MediaState.NONE;
        setMedia(new MediaState(m.audio(), m.video(), m.screen(), up));
    }

    /**
     * Reports someone to the hosts and the application (at most 500 characters of reason). The
     * reported person is not told.
     */
    public void report(String participantId, String reason) {
        send(new ClientMessage.Report(connection.nextId(), participantId, Objects.requireNonNull(reason)));
    }

    /**
     * Sends any client message, e.g. a WebRTC {@link ClientMessage.Offer}. While reconnecting,
     * up to 100 messages are held and sent once back in the room.
     */
    public void send(ClientMessage message) {
        connection.send(MessageCodec.encode(message));
    }

    /** Leaves the meeting (waiting up to 2 s for the server to confirm) and frees the client's threads. */
    public void leave() throws InterruptedException {
        connection.leave();
    }

    /** Same as {@link #leave()}. */
    @Override
    public void close() throws InterruptedException {
        if (connection.state() != ConnectionState.LEFT) {
            leave();
        }
    }

    // ---- on the event thread ----

    /** What the connection reports: the room model and the E2EE participant hear it, then the application. */
    private final class Events implements SignalingConnection.Handler {
        @Override
        public void joined(ServerMessage.Joined j, boolean first, boolean seamless) {
            localRoom.reset(j);
            if (j.e2ee()) {
                startE2ee(j, seamless);
            }
            if (first) {
                listener.onJoined(j);
            } else {
                listener.onReconnected(j, seamless);
            }
        }

        @Override
        public void waiting() {
            listener.onWaiting();
        }

        @Override
        public void message(ServerMessage message) {
            onMessage(message);
        }

        @Override
        public void reconnecting() {
            listener.onReconnecting();
        }

        @Override
        public void left(LeaveReason reason) {
            if (e2eeParticipant != null) {
                e2eeParticipant.close();
                e2eeParticipant = null;
            }
            listener.onLeft(reason);
        }
    }

    private void onMessage(ServerMessage message) {
        if (message instanceof ServerMessage.E2ee m) {
            if (e2eeParticipant != null) {
                e2eeParticipant.onMessage(m.type(), m.text(), localRoom.presentIds());
            }
            return;
        }
        // The E2EE participant hears of leaves and leader changes before the room copy changes.
        if (message instanceof ServerMessage.ParticipantLeft m && e2eeParticipant != null) {
            e2eeParticipant.participantLeft(m.participantId());
        }
        if (message instanceof ServerMessage.RoomUpdated m && e2eeParticipant != null) {
            e2eeParticipant.leader(m.e2eeLeader());
            e2eeParticipant.tick(localRoom.presentIds());
        }
        if (localRoom.apply(message)) {
            return;
        }
        if (message instanceof ServerMessage.Chat m) {
            if (localRoom.e2ee()) {
                // Members of an encrypted room only write chat.e2ee: plain text is the server's, never a member's
                // words.
                listener.onE2eeError(
                        "plain_chat", "the server sent unencrypted chat into an end-to-end encrypted room; not shown");
            } else {
                listener.onChat(m);
            }
        } else if (message instanceof ServerMessage.Muted m) {
            listener.onMuted(m.by(), m.kind());
        } else if (message instanceof ServerMessage.UnmuteAllowed m) {
            listener.onUnmuteAllowed(m.by(), m.kind(), m.allowed());
        } else if (message instanceof ServerMessage.ParticipantWaiting m) {
            listener.onParticipantWaiting(m.participant());
        } else if (message instanceof ServerMessage.ParticipantWaitingLeft m) {
            listener.onParticipantWaitingLeft(m.participantId(), m.reason());
        } else if (message instanceof ServerMessage.Reported m) {
            listener.onReported(m);
        } else if (message instanceof ServerMessage.Error m) {
            listener.onError(m.code(), m.message(), m.id());
        } else {
            listener.onSignal(message); // offer, answer, candidate, view.constraints
        }
    }

    /** A new participant session (first join, or back after the grace period) gets new E2EE state. */
    private void startE2ee(ServerMessage.Joined j, boolean seamless) {
        if (!seamless || e2eeParticipant == null) {
            if (e2eeParticipant != null) {
                e2eeParticipant.close();
            }
            e2eeParticipant = new E2eeParticipant(
                    room,
                    j.sessionId(),
                    j.you().id(),
                    j.you().name(),
                    identity,
                    pins,
                    connection::send,
                    new E2eeParticipant.Events() {
                        @Override
                        public void chat(E2eeSession.ChatText chat) {
                            Participant from = localRoom.participant(chat.from());
                            listener.onChat(new ServerMessage.Chat(
                                    chat.from(),
                                    from != null ? from.name() : chat.from(),
                                    chat.text(),
                                    System.currentTimeMillis()));
                        }

                        @Override
                        public void peerHello(E2eeSession.Peer peer) {
                            Participant p = localRoom.participant(peer.participantId());
                            if (p != null
                                    && p.userId() != null
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
                        public String shownName(String participantId) {
                            Participant p = localRoom.participant(participantId);
                            return p == null ? null : p.name();
                        }

                        @Override
                        public void roster(List<RosterEntry> members) {
                            listener.onE2eeRoster(members);
                        }

                        @Override
                        public void holder(Optional<LeaderElection.Holder> holder) {
                            listener.onE2eeWaiting(
                                    holder.map(LeaderElection.Holder::participantId)
                                            .orElse(null),
                                    holder.map(LeaderElection.Holder::reason).orElse(null));
                        }
                    },
                    localRoom.presentIds());
            e2eeParticipant.start();
        }
        e2eeParticipant.leader(j.e2eeLeader());
        if (e2eeTicker == null) {
            e2eeTicker = connection.every(TICK_MILLIS, () -> {
                if (e2eeParticipant != null && connection.state() == ConnectionState.JOINED) {
                    e2eeParticipant.tick(localRoom.presentIds());
                }
            });
        }
    }

    /** Settings for a {@link MeetingClient}. */
    public static final class Builder {
        private final URI server;
        private final String room;
        private final String token;
        private String passcode;
        private MeetingClientListener listener = new MeetingClientListener() {};
        private ReconnectPolicy reconnect = ReconnectPolicy.DEFAULT;
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

        /**
         * How long to keep trying after a drop (default 2 minutes, {@link ReconnectPolicy#DEFAULT});
         * {@link Duration#ZERO} turns reconnecting off.
         */
        public Builder reconnectFor(Duration duration) {
            this.reconnect = reconnect.giveUpAfter(Objects.requireNonNull(duration));
            return this;
        }

        /** When to try again after a drop and when to stop (default {@link ReconnectPolicy#DEFAULT}). */
        public Builder reconnectPolicy(ReconnectPolicy policy) {
            this.reconnect = Objects.requireNonNull(policy);
            return this;
        }

        public MeetingClient build() {
            return new MeetingClient(this);
        }
    }
}
