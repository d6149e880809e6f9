package dev.mosaic.bench;

import java.net.http.WebSocket;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One simulated participant on a {@link java.net.http.WebSocket}: joins, then sends and receives
 * relayed offers. Sends are queued because that API allows only one outstanding send per socket.
 */
final class LoadClient implements WebSocket.Listener {
    /** What the fleet hears from its clients. */
    interface Events {
        void joined(LoadClient client);

        void failed(LoadClient client, String reason);

        void relayed(LoadClient client, String text);

        void error(LoadClient client, String reason);
    }

    final int index;
    private final SignalingProtocol protocol;
    private final Events events;
    private final StringBuilder partial = new StringBuilder();
    private final Queue<String> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile WebSocket socket;
    private volatile String address;
    private volatile boolean open;
    /** The peer this client sends its offers to (next in its room's ring), or null. */
    volatile LoadClient peer;

    LoadClient(int index, SignalingProtocol protocol, Events events) {
        this.index = index;
        this.protocol = protocol;
        this.events = events;
    }

    /** The id peers address this client by, once joined. */
    String address() {
        return address;
    }

    boolean isOpen() {
        return open;
    }

    void send(String text) {
        outbox.add(text);
        pump();
    }

    private void pump() {
        while (sending.compareAndSet(false, true)) {
            String next = outbox.poll();
            if (next == null) {
                sending.set(false);
                if (outbox.isEmpty()) {
                    return;
                }
                continue;
            }
            socket.sendText(next, true).whenComplete((ws, error) -> {
                if (error != null) {
                    events.error(this, "send failed: " + rootMessage(error));
                }
                sending.set(false);
                pump();
            });
            return;
        }
    }

    /** Marks the connect attempt as finished once; true the first time. */
    boolean settle() {
        return settled.compareAndSet(false, true);
    }

    void connectFailed(Throwable error) {
        if (settle()) {
            events.failed(this, rootMessage(error));
        }
    }

    void abort() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
        open = false;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        open = true;
        webSocket.request(1);
        String hello = protocol.hello(index);
        if (hello != null) {
            send(hello);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            dispatch(text);
        }
        webSocket.request(1);
        return null;
    }

    private void dispatch(String text) {
        if (address == null) {
            String id = protocol.joinedId(text, index);
            if (id != null) {
                address = id;
                if (settle()) {
                    events.joined(this);
                }
                return;
            }
            String error = protocol.error(text);
            if (error != null && settle()) {
                events.failed(this, error);
            }
            return;
        }
        if (OfferPayload.phase(text) != 0) {
            events.relayed(this, text);
            return;
        }
        String error = protocol.error(text);
        if (error != null) {
            events.error(this, error);
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        open = false;
        if (settle()) {
            events.failed(this, "closed " + statusCode + " " + reason);
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        open = false;
        if (settle()) {
            events.failed(this, rootMessage(error));
        } else {
            events.error(this, "socket error: " + rootMessage(error));
        }
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() != null ? ": " + root.getMessage() : "");
    }
}
