package dev.mosaic.core.client;

import dev.mosaic.core.protocol.ClientMessage;
import dev.mosaic.core.protocol.ErrorCode;
import dev.mosaic.core.protocol.LeaveReason;
import dev.mosaic.core.protocol.MessageCodec;
import dev.mosaic.core.protocol.ProtocolException;
import dev.mosaic.core.protocol.ServerMessage;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
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
 * A {@link MeetingClient}'s link to the server, across sockets: opens them, joins, moves through the one
 * state table ({@link ConnectionState}), resumes after a drop as the {@link ReconnectPolicy} says (or joins
 * afresh once the server's grace period has passed), and holds what is sent meanwhile. It knows nothing of
 * the room: every server message it does not need for that goes to its {@link Handler}, on the client's one
 * event thread, in arrival order.
 */
final class SignalingConnection {
    /** Close code the server uses when this session was resumed on another connection. */
    private static final int CLOSE_RESUMED_ELSEWHERE = 4001;

    private static final int MAX_HELD_OUTGOING = 100;
    private static final String JOIN_ID = "join";

    /** What the connection reports, on the event thread. */
    interface Handler {
        /**
         * {@code joined} arrived: the first join ({@code first}), a resumed session ({@code seamless}: the others
         * saw nothing), or a new join after the grace period. Runs before {@link SignalingConnection#join} returns.
         */
        void joined(ServerMessage.Joined joined, boolean first, boolean seamless);

        /** In the waiting room until a host admits us. */
        void waiting();

        /** Every other server message, errors included. */
        void message(ServerMessage message);

        /** The socket dropped; reconnecting. */
        void reconnecting();

        /** Out for good. */
        void left(LeaveReason reason);
    }

    private final URI server;
    private final String room;
    private final String token;
    private final String passcode;
    private final ReconnectPolicy policy;
    private final Handler handler;
    private final ExecutorService events;
    private final ScheduledExecutorService timers;
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final CompletableFuture<ServerMessage.Joined> joined = new CompletableFuture<>();
    private final CountDownLatch finished = new CountDownLatch(1);

    private volatile ConnectionState state = ConnectionState.NEW;
    private volatile Socket socket;
    private volatile LeaveReason leftReason;
    // Touched only on the event thread.
    private final ArrayDeque<String> heldOutgoing = new ArrayDeque<>();
    private String resumeSecret;
    private String resumeRequestId;
    private long reconnectDeadline;
    private int attempt;

    SignalingConnection(
            URI server, String room, String token, String passcode, ReconnectPolicy policy, Handler handler) {
        this.server = server;
        this.room = room;
        this.token = token;
        this.passcode = passcode;
        this.policy = policy;
        this.handler = handler;
        this.events = Executors.newSingleThreadExecutor(r -> daemon(r, "mosaic-client-events"));
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "mosaic-client-timers"));
    }

    /** Connects and joins; returns once in the room (after the handler heard {@code joined}). */
    ServerMessage.Joined join(Duration timeout) throws MeetingException, InterruptedException {
        synchronized (this) {
            if (state != ConnectionState.NEW) {
                throw new IllegalStateException("join() may be called once per client");
            }
            state = ConnectionState.CONNECTING;
        }
        Socket s = new Socket();
        socket = s;
        if (!s.connectBlocking(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            giveUp();
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
            giveUp();
            throw new MeetingException(null, "not in the room after " + timeout.toSeconds() + " s");
        }
    }

    ConnectionState state() {
        return state;
    }

    LeaveReason leftReason() {
        return leftReason;
    }

    /** A new request id, unique on this connection. */
    String nextId() {
        return String.valueOf(nextId.getAndIncrement());
    }

    /**
     * Sends a text now, or, while reconnecting, holds it (the last {@value #MAX_HELD_OUTGOING}) until the
     * session is back. Throws {@link IllegalStateException} when not in a meeting.
     */
    void send(String text) {
        ConnectionState s = state;
        if (s == ConnectionState.JOINED || s == ConnectionState.WAITING) {
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
        if (s == ConnectionState.RECONNECTING || s == ConnectionState.JOINED) {
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

    /** Leaves (waiting up to 2 s for the server to confirm) and stops the threads. */
    void leave() throws InterruptedException {
        ConnectionState s = state;
        Socket current = socket;
        if ((s == ConnectionState.JOINED || s == ConnectionState.WAITING) && current != null && current.isOpen()) {
            current.send(MessageCodec.encode(new ClientMessage.Leave("leave")));
            if (finished.await(2, TimeUnit.SECONDS)) {
                return;
            }
        }
        execute(() -> finish(LeaveReason.LEFT));
        finished.await(2, TimeUnit.SECONDS);
        shutDown();
    }

    /** Runs {@code task} on the event thread; a task that throws is reported and the thread goes on. */
    void execute(Runnable task) {
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

    /** Runs {@code task} on the event thread every {@code millis} until the client stops; null once stopped. */
    ScheduledFuture<?> every(long millis, Runnable task) {
        try {
            return timers.scheduleAtFixedRate(() -> execute(task), millis, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null; // shutting down
        }
    }

    // ---- on the event thread ----

    /** Moves to {@code next} if the state table allows it (staying is always allowed); false if not. */
    private boolean moveTo(ConnectionState next) {
        if (state != next && !state.canMoveTo(next)) {
            return false;
        }
        state = next;
        return true;
    }

    private void onText(Socket from, String text) {
        if (from != socket || state == ConnectionState.LEFT) {
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
            if (moveTo(ConnectionState.WAITING)) {
                handler.waiting();
            }
        } else if (message instanceof ServerMessage.Left m) {
            finish(m.reason());
        } else if (message instanceof ServerMessage.Error m) {
            onError(m);
        } else {
            handler.message(message);
        }
    }

    private void onJoined(ServerMessage.Joined j) {
        boolean seamless = state == ConnectionState.RECONNECTING && j.id() != null && j.id().equals(resumeRequestId);
        if (!moveTo(ConnectionState.JOINED)) {
            return;
        }
        resumeSecret = j.resume();
        attempt = 0;
        Socket current = socket;
        while (!heldOutgoing.isEmpty()) {
            current.send(heldOutgoing.removeFirst());
        }
        handler.joined(j, !joined.isDone(), seamless);
        joined.complete(j);
    }

    private void onError(ServerMessage.Error e) {
        if (state == ConnectionState.RECONNECTING && e.id() != null && e.id().equals(resumeRequestId)) {
            // The grace period passed: come back as a new participant with the token.
            socket.send(MessageCodec.encode(new ClientMessage.Join(JOIN_ID, room, token, passcode)));
            return;
        }
        if (JOIN_ID.equals(e.id()) && state != ConnectionState.JOINED) {
            MeetingException failure = new MeetingException(e.code(), e.message());
            if (!joined.completeExceptionally(failure)) {
                handler.message(e);
            }
            finish(LeaveReason.DISCONNECTED);
            return;
        }
        handler.message(e);
    }

    private void onClosed(Socket from, int code) {
        if (from != socket || state == ConnectionState.LEFT) {
            return;
        }
        if (!state.inMeeting() || code == CLOSE_RESUMED_ELSEWHERE || !policy.reconnects()) {
            joined.completeExceptionally(new MeetingException(null, "connection closed (" + code + ")"));
            finish(LeaveReason.DISCONNECTED);
            return;
        }
        if (state == ConnectionState.JOINED) {
            moveTo(ConnectionState.RECONNECTING);
            reconnectDeadline = System.nanoTime() + policy.giveUpAfter().toNanos();
            attempt = 0;
            handler.reconnecting();
            scheduleAttempt();
        } else if (from.opened) {
            scheduleAttempt(); // a reconnection attempt got in, then dropped again
        }
    }

    private void scheduleAttempt() {
        long delay = policy.delayBefore(attempt).toMillis();
        attempt++;
        try {
            timers.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    /** On the timer thread: opens a new socket and asks to resume. */
    private void reconnect() {
        if (state != ConnectionState.RECONNECTING) {
            return;
        }
        if (System.nanoTime() > reconnectDeadline) {
            execute(() -> finish(LeaveReason.DISCONNECTED));
            return;
        }
        Socket s = new Socket();
        socket = s;
        try {
            if (s.connectBlocking(5, TimeUnit.SECONDS)) {
                execute(() -> {
                    if (socket == s && state == ConnectionState.RECONNECTING) {
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

    private void finish(LeaveReason reason) {
        if (state == ConnectionState.LEFT) {
            return;
        }
        state = ConnectionState.LEFT;
        leftReason = reason;
        joined.completeExceptionally(new MeetingException(
                reason == LeaveReason.DENIED ? ErrorCode.FORBIDDEN : null,
                "left the meeting: "
                        + (reason != null ? reason.wireName() : "for a reason this client does not know")));
        Socket current = socket;
        if (current != null) {
            current.close();
        }
        handler.left(reason);
        finished.countDown();
        shutDown();
    }

    /** Joining failed before anyone saw us: out, without telling the handler (join() throws instead). */
    private void giveUp() {
        state = ConnectionState.LEFT;
        leftReason = LeaveReason.DISCONNECTED;
        finished.countDown();
        shutDown();
    }

    private void shutDown() {
        timers.shutdownNow();
        events.shutdown();
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
}
