package dev.mosaic.server.signaling;

import dev.mosaic.core.protocol.MessageCodec;
import dev.mosaic.core.protocol.ServerMessage;
import dev.mosaic.server.room.Connection;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * A {@link Connection} over a Jetty WebSocket with an outbound queue bounded in messages and in bytes.
 * {@link #send} never blocks: it queues, and one asynchronous write at a time drains the queue in
 * order. A client that reads too slowly fills its queue and is disconnected, so it cannot hold up the
 * room, nor pin more of the server's memory than the byte bound (large relayed messages would
 * otherwise make a thousand-message queue hold hundreds of megabytes).
 */
final class WsConnection implements Connection {
    /** A close request travels through the queue so that it goes out after what was sent before it. */
    private record Close(int code, String reason) {}

    /** A message's text and its UTF-8 size, counted once. */
    private record Text(String text, int bytes) {}

    private final Session session;
    private final int maxQueued;
    private final long maxQueuedBytes;
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** UTF-8 bytes of the texts waiting in {@link #queue} (not the one being written). */
    private final AtomicLong queuedBytes = new AtomicLong();

    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Thread pumpingThread;
    private volatile boolean completedInline;
    private final Callback written = Callback.from(this::written, this::failed);

    WsConnection(Session session, int maxQueued, long maxQueuedBytes) {
        this.session = session;
        this.maxQueued = maxQueued;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    @Override
    public void send(ServerMessage message) {
        if (closed.get()) {
            return;
        }
        String text = MessageCodec.encode(message);
        int bytes = Utf8.length(text);
        long before = queuedBytes.getAndAdd(bytes);
        // One message larger than the byte bound (a joined for a huge room) still goes to an empty queue.
        if (queued.incrementAndGet() > maxQueued || (before > 0 && before + bytes > maxQueuedBytes)) {
            cutOff();
            return;
        }
        queue.add(new Text(text, bytes));
        pump();
    }

    /** Bytes waiting to be written to this client. */
    long queuedBytes() {
        return Math.max(0, queuedBytes.get());
    }

    /**
     * A close frame would wait behind the backlog, so the connection is cut. The participant keeps its
     * place for the resume grace period, like any other drop.
     */
    private void cutOff() {
        if (closed.compareAndSet(false, true)) {
            clearQueue();
            session.disconnect();
        }
    }

    private void clearQueue() {
        queue.clear();
        queuedBytes.set(0);
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
            Text text = (Text) next;
            queuedBytes.addAndGet(-text.bytes());
            if (!session.isOpen() || closed.get()) {
                clearQueue();
                return;
            }
            completedInline = false;
            pumpingThread = Thread.currentThread();
            session.sendText(text.text(), written);
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
        cutOff();
    }

    private void closeNow(int code, String reason) {
        if (closed.compareAndSet(false, true)) {
            clearQueue();
            session.close(code, reason, Callback.NOOP);
        }
    }
}
