package dev.mosaic.server.signaling;

import dev.mosaic.core.protocol.MessageCodec;
import dev.mosaic.core.protocol.ServerMessage;
import dev.mosaic.server.room.Connection;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * A {@link Connection} over a Jetty WebSocket with a bounded outbound queue. {@link #send} never
 * blocks: it queues, and one asynchronous write at a time drains the queue in order. A client that
 * reads too slowly fills its queue and is disconnected, so it cannot hold up the room.
 */
final class WsConnection implements Connection {
    /** A close request travels through the queue so that it goes out after what was sent before it. */
    private record Close(int code, String reason) {}

    private final Session session;
    private final int maxQueued;
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Thread pumpingThread;
    private volatile boolean completedInline;
    private final Callback written = Callback.from(this::written, this::failed);

    WsConnection(Session session, int maxQueued) {
        this.session = session;
        this.maxQueued = maxQueued;
    }

    @Override
    public void send(ServerMessage message) {
        if (closed.get()) {
            return;
        }
        if (queued.incrementAndGet() > maxQueued) {
            // A close frame would wait behind the backlog, so cut the connection. The participant
            // keeps its place for the resume grace period, like any other drop.
            if (closed.compareAndSet(false, true)) {
                queue.clear();
                session.disconnect();
            }
            return;
        }
        queue.add(MessageCodec.encode(message));
        pump();
    }

    @Override
    public void close(int code, String reason) {
        if (closed.get()) {
            return;
        }
        queued.incrementAndGet();
        queue.add(new Close(code, reason));
        pump();
    }

    /** Starts the next write unless one is under way; loops when a write completes on this very thread. */
    private void pump() {
        while (writing.compareAndSet(false, true)) {
            Object next = queue.poll();
            if (next == null) {
                writing.set(false);
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            queued.decrementAndGet();
            if (next instanceof Close c) {
                closeNow(c.code(), c.reason());
                return;
            }
            if (!session.isOpen() || closed.get()) {
                queue.clear();
                return;
            }
            completedInline = false;
            pumpingThread = Thread.currentThread();
            session.sendText((String) next, written);
            pumpingThread = null;
            if (!completedInline) {
                return;
            }
        }
    }

    private void written() {
        writing.set(false);
        if (Thread.currentThread() == pumpingThread) {
            completedInline = true;
        } else {
            pump();
        }
    }

    private void failed(Throwable error) {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            session.disconnect();
        }
    }

    private void closeNow(int code, String reason) {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            session.close(code, reason, Callback.NOOP);
        }
    }
}
