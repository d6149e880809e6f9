package dev.mosaic.server;

import static dev.mosaic.server.TestServers.token;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import dev.mosaic.core.protocol.Role;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A participant that stops reading is dropped; the others keep getting every message, in order. */
class SlowClientTest {
    /** Far more than any kernel buffers on the path hold (about 200 MB). */
    private static final int MAX_CHATS = 50_000;

    @Test
    void aClientThatStopsReadingCannotHoldUpTheRoom() throws Exception {
        try (MosaicServer server = TestServers.builder()
                .messageRate(100_000, 100_000)
                .maxQueuedMessages(50)
                .resumeGrace(Duration.ZERO)
                .start()) {
            String slowId;
            try (Socket slow = new Socket()) {
                slow.setReceiveBufferSize(4096);
                slow.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
                slowId = joinWithoutReadingAfterwards(slow, "busy", token(server, "busy", "Slow", Role.PARTICIPANT));

                RawClient talker = RawClient.connect(server);
                talker.joinAs("busy", token(server, "busy", "Talker", Role.PARTICIPANT));
                RawClient reader = RawClient.connect(server);
                reader.joinAs("busy", token(server, "busy", "Reader", Role.PARTICIPANT));

                // Talk until the server gives up on the slow reader (its kernel buffers fill first, so
                // how many messages that takes depends on the machine), then check the reader got all.
                String filler = "x".repeat(3900);
                AtomicBoolean slowDropped = new AtomicBoolean();
                AtomicInteger sent = new AtomicInteger();
                AtomicInteger received = new AtomicInteger();
                Thread talking = new Thread(() -> {
                    while (!slowDropped.get() && sent.get() < MAX_CHATS) {
                        // Stay at most 20 ahead of the reader, so only the slow one falls behind.
                        while (sent.get() - received.get() > 20 && !slowDropped.get()) {
                            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                        }
                        talker.send("{\"v\":1,\"type\":\"chat\",\"text\":\"" + sent.getAndIncrement() + " " + filler
                                + "\"}");
                    }
                });
                talking.start();
                while (!slowDropped.get() || talking.isAlive() || received.get() < sent.get()) {
                    JsonObject m;
                    try {
                        m = reader.next();
                    } catch (AssertionError e) {
                        if (slowDropped.get() && !talking.isAlive() && received.get() == sent.get()) {
                            break; // the talker stopped right after the drop: everything arrived
                        }
                        throw new AssertionError(
                                "stalled after " + received.get() + " of " + sent.get() + " chats, slow dropped: "
                                        + slowDropped.get(),
                                e);
                    }
                    switch (m.get("type").getAsString()) {
                        case "chat" -> {
                            String text = m.get("text").getAsString();
                            assertEquals(
                                    String.valueOf(received.get()),
                                    text.substring(0, text.indexOf(' ')),
                                    "chat out of order or lost");
                            received.incrementAndGet();
                        }
                        case "participantLeft" -> {
                            assertEquals(slowId, m.get("participantId").getAsString());
                            slowDropped.set(true);
                        }
                        default -> {}
                    }
                }
                talking.join();
                assertEquals(sent.get(), received.get());
            }
        }
    }

    /** A WebSocket handshake and join by hand, so that nothing reads the socket afterwards; returns its participant id. */
    static String joinWithoutReadingAfterwards(Socket socket, String room, String token) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        byte[] payload = ("{\"v\":1,\"type\":\"join\",\"room\":\"" + room + "\",\"token\":\"" + token + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        frame.write(0x80 | 126);
        frame.write(payload.length >> 8);
        frame.write(payload.length & 0xff);
        byte[] mask = {1, 2, 3, 4};
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
        // Read the handshake answer and the joined message, then never read again.
        InputStream in = socket.getInputStream();
        StringBuilder seen = new StringBuilder();
        while (!seen.toString().contains("\"resume\"")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("server closed before joined: " + seen);
            }
            seen.append((char) b);
        }
        String text = seen.toString();
        int you = text.indexOf("\"you\":{\"id\":\"") + 13;
        return text.substring(you, text.indexOf('"', you));
    }
}
