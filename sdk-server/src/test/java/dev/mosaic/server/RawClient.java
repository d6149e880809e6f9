package dev.mosaic.server;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A bare WebSocket client for protocol tests: sends any text, even malformed, and reads the raw replies.
 */
final class RawClient extends WebSocketClient {
    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    /** Every text received, exactly as it arrived. */
    final List<String> rawTexts = new CopyOnWriteArrayList<>();

    volatile int closeCode = -1;

    private RawClient(URI uri) {
        super(uri);
    }

    static RawClient connect(MosaicServer server) throws InterruptedException {
        return connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws"));
    }

    static RawClient connect(URI uri) throws InterruptedException {
        RawClient client = new RawClient(uri);
        if (!client.connectBlocking(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not connect to " + client.getURI());
        }
        return client;
    }

    /** Sends a join for {@code room} with {@code token} and returns the reply (joined or error). */
    JsonObject join(String room, String token) throws InterruptedException {
        send("{\"v\":1,\"type\":\"join\",\"id\":\"join-1\",\"room\":\"" + room + "\",\"token\":\"" + token + "\"}");
        return next();
    }

    /** Connects without insisting that the socket stays open (the server may refuse at once). */
    static RawClient connectMayBeRefused(MosaicServer server) throws InterruptedException {
        RawClient client = new RawClient(URI.create("ws://127.0.0.1:" + server.port() + "/ws"));
        client.connectBlocking(5, TimeUnit.SECONDS);
        return client;
    }

    /** Joins and returns the participant id the server gave us. */
    String joinAs(String room, String token) throws InterruptedException {
        JsonObject joined = join(room, token);
        if (!"joined".equals(joined.get("type").getAsString())) {
            throw new AssertionError("expected joined, got " + joined);
        }
        return joined.getAsJsonObject("you").get("id").getAsString();
    }

    /** Waits until the server has closed this connection; returns the close code. */
    int awaitClose() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (closeCode == -1 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        if (closeCode == -1) {
            throw new AssertionError("connection still open after 5 s");
        }
        return closeCode;
    }

    /** The next message, failing after 15 s: generous, since a loaded machine is slow and a missing message still fails. */
    JsonObject next() throws InterruptedException {
        JsonObject m = received.poll(15, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no message within 15 s");
        }
        return m;
    }

    /** Skips messages until one of {@code type} arrives. */
    JsonObject next(String type) throws InterruptedException {
        while (true) {
            JsonObject m = next();
            if (type.equals(m.get("type").getAsString())) {
                return m;
            }
        }
    }

    /** Asserts nothing arrives for {@code quiet}. */
    void expectNothing(Duration quiet) throws InterruptedException {
        JsonObject m = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
        if (m != null) {
            throw new AssertionError("expected no message, got " + m);
        }
    }

    @Override
    public void onOpen(ServerHandshake handshake) {}

    @Override
    public void onMessage(String message) {
        rawTexts.add(message);
        received.add(JsonParser.parseString(message).getAsJsonObject());
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closeCode = code;
    }

    @Override
    public void onError(Exception ex) {}
}
